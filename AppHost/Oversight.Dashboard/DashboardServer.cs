using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oversight.Dashboard.Otlp;
using Oversight.Dashboard.Telemetry;
using Oversight.Dashboard.Ui;

namespace Oversight.Dashboard;

/// <summary>
/// The AppHost's dashboard, run in-process: Kestrel on loopback with an OTLP/gRPC port (HTTP/2) and an
/// OTLP/HTTP port (HTTP/1.1), both taking only requests that carry the API key, feeding one
/// <see cref="TelemetryStore"/>. Start it before the services so that their first telemetry lands.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private DashboardServer(WebApplication app, TelemetryStore telemetry, string apiKey, int grpcPort, int httpPort, IPAddress address,
        int? uiPort, DashboardAuth? auth)
    {
        _app = app;
        Telemetry = telemetry;
        OtlpApiKey = apiKey;
        var host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : address.Equals(IPAddress.Any) ? "127.0.0.1" : address.ToString();
        OtlpGrpcEndpoint = new Uri($"http://{host}:{grpcPort}");
        OtlpHttpEndpoint = new Uri($"http://{host}:{httpPort}");
        if (uiPort is { } port)
        {
            // Browsers treat "localhost" as a secure context and the loopback guard accepts it.
            UiEndpoint = new Uri($"http://{(IPAddress.IsLoopback(address) ? "localhost" : host)}:{port}");
        }
        Auth = auth;
    }

    /// <summary>The pages (null when <see cref="DashboardOptions.UiPort"/> was not set).</summary>
    public Uri? UiEndpoint { get; }

    /// <summary>The URL that signs a browser in (the pages' root when unsecured); null without pages.</summary>
    public Uri? SignInUrl => UiEndpoint is null || Auth is null ? null
        : Auth.Unsecured ? UiEndpoint : new Uri(UiEndpoint, "/login?t=" + Uri.EscapeDataString(Auth.BrowserToken));

    internal DashboardAuth? Auth { get; }

    /// <summary>Everything received, for the pages to query.</summary>
    public TelemetryStore Telemetry { get; }

    /// <summary>Where services send OTLP/gRPC (<c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>).</summary>
    public Uri OtlpGrpcEndpoint { get; }

    /// <summary>Where services send OTLP/HTTP (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>; paths /v1/traces etc.).</summary>
    public Uri OtlpHttpEndpoint { get; }

    public string OtlpApiKey { get; }

    /// <summary>The server's services (the store is registered as a singleton).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts listening; returns once both ports accept connections.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken cancellationToken = default)
    {
        var apiKey = new OtlpApiKey(options.OtlpApiKey);
        var telemetry = new TelemetryStore(options.Limits);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // Configured here only: no appsettings.json or Kestrel__/ASPNETCORE_ variables of the AppHost's process
        // (a referenced service's appsettings.json beside the AppHost would add that service's endpoints).
        builder.Configuration.Sources.Clear();
        // The AppHost prints its own lines; the receiver's request logs would only add noise.
        builder.Logging.ClearProviders();

        ListenOptions? grpcListen = null, httpListen = null, uiListen = null;
        var auth = options.UiPort is null ? null
            : new DashboardAuth(options.BrowserToken ?? Otlp.OtlpApiKey.Generate(), options.Unsecured, IPAddress.IsLoopback(options.ListenAddress));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            // gRPC without TLS needs a port that speaks only HTTP/2; OTLP/HTTP clients speak HTTP/1.1.
            kestrel.Listen(options.ListenAddress, options.OtlpGrpcPort, listen => { listen.Protocols = HttpProtocols.Http2; grpcListen = listen; });
            kestrel.Listen(options.ListenAddress, options.OtlpHttpPort, listen => { listen.Protocols = HttpProtocols.Http1; httpListen = listen; });
            // The pages get a port of their own: the OTLP ports never serve them, and this one never takes OTLP.
            if (options.UiPort is { } uiPort) kestrel.Listen(options.ListenAddress, uiPort, listen => { listen.Protocols = HttpProtocols.Http1; uiListen = listen; });
        });
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton(apiKey);
        builder.Services.AddSingleton<OtlpConverter>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxRequestBytes;
            grpc.EnableDetailedErrors = false;
        });
        options.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseRouting();
        if (auth is not null) app.Use((context, next) => SeparateUiPortAsync(context, next, uiListen!, auth));
        app.Use(RequireApiKey);
        app.MapGrpcService<OtlpTraceGrpcService>().WithMetadata(RequiresOtlpApiKey.Instance);
        app.MapGrpcService<OtlpMetricsGrpcService>().WithMetadata(RequiresOtlpApiKey.Instance);
        app.MapGrpcService<OtlpLogsGrpcService>().WithMetadata(RequiresOtlpApiKey.Instance);
        app.MapOtlpHttp(options.MaxRequestBytes);
        if (auth is not null) app.MapDashboardUi(auth, options.Resources);
        options.ConfigureApplication?.Invoke(app);

        await app.StartAsync(cancellationToken);
        // With port 0, Kestrel writes the port it bound back into the listen options.
        return new DashboardServer(app, telemetry, options.OtlpApiKey,
            grpcListen!.IPEndPoint!.Port, httpListen!.IPEndPoint!.Port, options.ListenAddress, uiListen?.IPEndPoint!.Port, auth);
    }

    // The UI port serves only the pages and APIs, after sign-in; the OTLP ports never serve them (404 both ways).
    private static async Task SeparateUiPortAsync(HttpContext context, RequestDelegate next, ListenOptions uiListen, DashboardAuth auth)
    {
        var onUiPort = context.Connection.LocalPort == uiListen.IPEndPoint!.Port;
        var uiEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<Ui.UiEndpoint>() is not null;
        if (onUiPort && !await auth.AdmitAsync(context)) return;
        if (onUiPort != uiEndpoint)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    }

    // Refuses an OTLP request without the right key before its body is read: gRPC Unauthenticated
    // (a trailers-only answer), HTTP 401.
    private static async Task RequireApiKey(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresOtlpApiKey>() is null
            || context.RequestServices.GetRequiredService<OtlpApiKey>().IsValid(context.Request.Headers[Otlp.OtlpApiKey.HeaderName]))
        {
            await next(context);
            return;
        }
        const string message = "Missing or wrong x-otlp-api-key.";
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16"; // Unauthenticated
            context.Response.Headers["grpc-message"] = message;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    /// <summary>Stops listening (in-flight requests get a few seconds to finish).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
