using System.Net;
using Microsoft.AspNetCore.Builder;
using Oversight.Dashboard.Telemetry;

namespace Oversight.Dashboard;

/// <summary>How the dashboard server listens and how much telemetry it keeps.</summary>
public sealed class DashboardOptions
{
    /// <summary>Aspire's standalone dashboard ports: 18889 for OTLP/gRPC, 18890 for OTLP/HTTP.</summary>
    public const int DefaultOtlpGrpcPort = 18889;
    public const int DefaultOtlpHttpPort = 18890;

    /// <summary>Aspire's dashboard UI port: the pages and their JSON APIs (HTTP/1.1).</summary>
    public const int DefaultUiPort = 18888;

    /// <summary>The value every OTLP request must carry in <c>x-otlp-api-key</c>.</summary>
    public required string OtlpApiKey { get; init; }

    /// <summary>OTLP/gRPC (HTTP/2 cleartext only); 0 picks a free port.</summary>
    public int OtlpGrpcPort { get; init; } = DefaultOtlpGrpcPort;

    /// <summary>OTLP/HTTP with protobuf (HTTP/1.1); 0 picks a free port.</summary>
    public int OtlpHttpPort { get; init; } = DefaultOtlpHttpPort;

    /// <summary>The pages' port (HTTP/1.1); null serves no pages, 0 picks a free port.</summary>
    public int? UiPort { get; init; }

    /// <summary>The sign-in token of this run (<c>/login?t=...</c>); one is generated when null.</summary>
    public string? BrowserToken { get; init; }

    /// <summary>Serve the pages without sign-in (<c>--dashboard-unsecured</c>, local development only).</summary>
    public bool Unsecured { get; init; }

    /// <summary>The AppHost's resources for the Resources and Console pages; none when null.</summary>
    public Ui.IDashboardResources? Resources { get; init; }

    /// <summary>Where the ports listen: loopback only by default.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The largest OTLP request taken (after gzip decompression for HTTP); larger ones get 413 / ResourceExhausted.</summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The telemetry store's bounds.</summary>
    public TelemetryLimits Limits { get; init; } = new();

    /// <summary>Hooks for what comes on top of the receiver (the pages): services, then endpoints and their ports.</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }

    public Action<WebApplication>? ConfigureApplication { get; init; }
}
