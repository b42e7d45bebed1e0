using Oversight.Dashboard;
using Oversight.Dashboard.Telemetry;
using Oversight.Dashboard.Ui;

namespace Oversight.Hosting.Resources;

/// <summary>
/// The AppHost's own dashboard, run in the AppHost's process: the OTLP receiver every service exports
/// to (gRPC and HTTP/protobuf ports, API key per run) and the telemetry store the pages read. Started
/// before the projects, stopped after them so their last export still lands. When the user sent
/// telemetry elsewhere (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set for the AppHost), it receives nothing.
/// </summary>
public sealed class DashboardResource : Resource
{
    private readonly TelemetryLimits _limits;
    private IDashboardResources? _resources;

    internal DashboardResource(string name, int otlpGrpcPort, int otlpHttpPort, string apiKey, Uri? externalEndpoint, TelemetryLimits? limits)
        : base(name)
    {
        OtlpGrpcPort = otlpGrpcPort;
        OtlpHttpPort = otlpHttpPort;
        ApiKey = apiKey;
        ExternalEndpoint = externalEndpoint;
        _limits = limits ?? new TelemetryLimits();
    }

    public override string Type => "dashboard";

    /// <summary>The pages' port (Aspire's 18888 plus the offset); set when the application is built.</summary>
    public int? UiPort { get; private set; }

    /// <summary>Pages without sign-in (<c>--dashboard-unsecured</c>).</summary>
    public bool Unsecured { get; private set; }

    /// <summary>This run's browser token, for <c>/login?t=...</c>.</summary>
    internal string BrowserToken { get; } = Oversight.Dashboard.Otlp.OtlpApiKey.Generate();

    /// <summary>Where the pages are (null before start or when telemetry goes elsewhere).</summary>
    public Uri? UiEndpoint => Server?.UiEndpoint;

    /// <summary>The URL that signs a browser in (the pages' root when unsecured).</summary>
    public Uri? SignInUrl => Server?.SignInUrl;

    /// <summary>What the AppHost prints once everything is ready.</summary>
    public string? SignInMessage => SignInUrl is not { } url ? null
        : Unsecured ? $"dashboard: {url} (--dashboard-unsecured: no sign-in; anyone on this machine can stop services)"
        : $"dashboard: sign in at {url}";

    /// <summary>Hands the dashboard the application's resources and picks the pages' port.</summary>
    internal void Attach(IDashboardResources resources, DistributedApplicationOptions options)
    {
        _resources = resources;
        UiPort = options.Port(DashboardOptions.DefaultUiPort);
        Unsecured = options.DashboardUnsecured;
    }

    public int OtlpGrpcPort { get; }

    public int OtlpHttpPort { get; }

    /// <summary>Where telemetry goes instead, when the user chose an endpoint; then the receiver does not start.</summary>
    public Uri? ExternalEndpoint { get; }

    public bool ReceivesTelemetry => ExternalEndpoint is null;

    /// <summary>This run's OTLP API key (the services get it in <c>OTEL_EXPORTER_OTLP_HEADERS</c>).</summary>
    internal string ApiKey { get; }

    public Uri OtlpGrpcEndpoint => new($"http://127.0.0.1:{OtlpGrpcPort}");

    public Uri OtlpHttpEndpoint => new($"http://127.0.0.1:{OtlpHttpPort}");

    /// <summary>The running server (null before start or when telemetry goes elsewhere).</summary>
    public DashboardServer? Server { get; private set; }

    /// <summary>What the services sent: resources, traces, logs, metrics.</summary>
    public TelemetryStore? Telemetry => Server?.Telemetry;

    public override IEnumerable<string> Urls => ReceivesTelemetry
        ? [.. UiEndpoint is { } ui ? [ui.ToString().TrimEnd('/')] : Array.Empty<string>(), OtlpGrpcEndpoint.ToString().TrimEnd('/'), OtlpHttpEndpoint.ToString().TrimEnd('/')]
        : [];

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (!ReceivesTelemetry)
        {
            SetState(ResourceState.Running, $"telemetry goes to {ExternalEndpoint} (OTEL_EXPORTER_OTLP_ENDPOINT)");
            context.Log($"{Name}: services export telemetry to {ExternalEndpoint}; the dashboard receives none");
            return;
        }
        SetState(ResourceState.Starting);
        Ports.PortAllocator.EnsureFree(OtlpGrpcPort, $"{Name} (OTLP/gRPC)");
        Ports.PortAllocator.EnsureFree(OtlpHttpPort, $"{Name} (OTLP/HTTP)");
        if (UiPort is { } uiPort) Ports.PortAllocator.EnsureFree(uiPort, $"{Name} (pages)");
        try
        {
            Server = await DashboardServer.StartAsync(new DashboardOptions
            {
                OtlpApiKey = ApiKey,
                OtlpGrpcPort = OtlpGrpcPort,
                OtlpHttpPort = OtlpHttpPort,
                Limits = _limits,
                UiPort = UiPort,
                BrowserToken = BrowserToken,
                Unsecured = Unsecured,
                Resources = _resources,
            }, cancellationToken);
        }
        catch (IOException ex)
        {
            SetState(ResourceState.FailedToStart, ex.Message);
            throw new DistributedApplicationException($"'{Name}': could not listen on ports {OtlpGrpcPort}/{OtlpHttpPort}/{UiPort}: {ex.Message}");
        }
        Pid = System.Environment.ProcessId;
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Healthy);
    }

    internal override async Task StopAsync()
    {
        if (Server is null) return;
        SetState(ResourceState.Stopping);
        await Server.StopAsync();
        SetState(ResourceState.Stopped);
    }
}
