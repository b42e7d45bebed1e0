using Oversight.Hosting.Resources;

namespace Oversight.Hosting;

/// <summary>Declares the resources of the system, as Aspire's <c>DistributedApplication.CreateBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder(DistributedApplicationOptions options)
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationOptions Options { get; } = options;

    /// <summary>Generated passwords, kept in the state folder so a server's data and its password stay together.</summary>
    public Secrets Secrets { get; } = new(options.StateDirectory);

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Stable default ports of the servers (the services' come from their appsettings.json).</summary>
    public static class DefaultPorts
    {
        public const int Postgres = 15432;
        public const int Redis = 16379;
        public const int RabbitMQ = 15682;
        public const int RabbitMQManagement = 15683;
        public const int RabbitMQDistribution = 15684;
        public const int DashboardOtlpGrpc = Oversight.Dashboard.DashboardOptions.DefaultOtlpGrpcPort;
        public const int DashboardOtlpHttp = Oversight.Dashboard.DashboardOptions.DefaultOtlpHttpPort;
    }

    public ResourceBuilder<PostgresServerResource> AddPostgres(string name) =>
        Add(new PostgresServerResource(name, Options.Port(DefaultPorts.Postgres), Secrets.Get($"{name}-password"), relaxedDurability: Options.RandomPorts));

    public ResourceBuilder<RedisResource> AddRedis(string name) =>
        Add(new RedisResource(name, Options.Port(DefaultPorts.Redis), Secrets.Get($"{name}-password")));

    public ResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) =>
        Add(new RabbitMQServerResource(name, Options.Port(DefaultPorts.RabbitMQ),
            Options.Port(DefaultPorts.RabbitMQManagement), Options.Port(DefaultPorts.RabbitMQDistribution), Secrets.Get($"{name}-password")));

    /// <summary>A .NET project, by the path of its .csproj relative to the repository root.</summary>
    public ResourceBuilder<ProjectResource> AddProject(string name, string projectPath) =>
        Add(new ProjectResource(name, projectPath, Options));

    /// <summary>
    /// The dashboard's OTLP receiver, started before every project: services export to its gRPC port with
    /// an API key made for this run. When <see cref="DistributedApplicationOptions.OtlpEndpoint"/> was set
    /// already (the user's collector), telemetry keeps going there and the receiver does not start.
    /// </summary>
    public ResourceBuilder<DashboardResource> AddDashboard(string name = "dashboard", Oversight.Dashboard.Telemetry.TelemetryLimits? limits = null)
    {
        var dashboard = new DashboardResource(name, Options.Port(DefaultPorts.DashboardOtlpGrpc), Options.Port(DefaultPorts.DashboardOtlpHttp),
            Oversight.Dashboard.Otlp.OtlpApiKey.Generate(), Options.OtlpEndpoint, limits);
        if (dashboard.ReceivesTelemetry)
        {
            Options.OtlpEndpoint = dashboard.OtlpGrpcEndpoint;
            Options.OtlpProtocol = "grpc";
            Options.OtlpApiKey = dashboard.ApiKey;
        }
        return Add(dashboard);
    }

    /// <summary>An existing dependency, given by its connection string.</summary>
    public ResourceBuilder<ConnectionStringResource> AddConnectionString(string name, string connectionString) =>
        Add(new ConnectionStringResource(name, connectionString));

    public ResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name)) throw new ArgumentException($"A resource named '{resource.Name}' exists already.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        // Every project waits for the dashboard, so that its first telemetry has somewhere to go.
        foreach (var dashboard in _resources.OfType<DashboardResource>())
        {
            foreach (var project in _resources.OfType<ProjectResource>().Where(p => !p.WaitsFor.Contains(dashboard))) project.WaitsFor.Add(dashboard);
        }
        return new(Options, Secrets, _resources);
    }
}
