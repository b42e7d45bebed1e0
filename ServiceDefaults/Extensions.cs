using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Oversight.ServiceDefaults.Limits;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Oversight service shares: telemetry, health, service discovery and resilience,
/// following the .NET Aspire service-defaults template so the services run unchanged under it.
/// </summary>
public static class Extensions
{
    /// <summary>Path of the readiness endpoint: every health check, real dependencies included.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint: only checks tagged <c>live</c>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Adds telemetry, health checks, service discovery and HttpClient/gRPC-client resilience.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // Request size, header and JSON depth limits (section "Limits"): see docs/security.md.
        builder.AddRequestLimits();
        // Errors on REST as ProblemDetails (RFC 9457); see UseServiceDefaults.
        builder.Services.AddProblemDetails();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // gRPC clients are HttpClients from the factory too, so they get both.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Registers gRPC services with server reflection, so grpcurl and other tools can list and call them.
    /// <paramref name="protos"/> names the proto files whose services this process maps (their generated
    /// <c>...Reflection.Descriptor</c>): the request guard checks each of their request messages before any handler runs.
    /// </summary>
    public static IGrpcServerBuilder AddDefaultGrpc(this IHostApplicationBuilder builder, params FileDescriptor[] protos)
    {
        // JSON transcoding serves each RPC that has a google.api.http option as REST on the HTTP/1.1 endpoint.
        var limits = builder.AddRequestLimits();
        builder.Services.RemoveAll<GrpcRequestTypes>();
        builder.Services.AddSingleton(new GrpcRequestTypes(protos));
        var grpc = builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            // Message sizes and the unary deadline cap (section "Limits"): see docs/security.md.
            options.ApplyRequestLimits(limits);
        }).AddJsonTranscoding();
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<GrpcReflectionEnabled>();
        return grpc;
    }

    /// <summary>Adds OpenTelemetry logs, traces and metrics, exported by OTLP only when an endpoint is configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // PostgreSQL (Npgsql) and Redis traces and Npgsql's metrics are added by the Aspire client integrations
        // (AddPostgresDataSource, AddRedisConnection), MassTransit's by AddRabbitMqMessaging, for the services that use them.
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OversightTelemetry.MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(OversightTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Health probes run every few seconds; tracing them would bury the real requests.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath)
                        && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Adds the liveness check every service has; dependencies add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// The middleware every service starts with. First the error answers: an unhandled exception answers a bare
    /// ProblemDetails 500 (a title and the trace id; no message, type, stack trace, path or header), and an empty error
    /// status (404, 405, 415) a ProblemDetails naming the status, in every environment. Since this handler runs inside
    /// the developer exception page ASP.NET adds in Development, that page never sees an exception, so it can echo
    /// neither a trace nor a cookie. Then authentication and authorization, whose fallback policy denies by default
    /// (`OfficeAuthorization` in libraries/Oversight.Security).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness), and gRPC reflection when gRPC is registered:
    /// all three anonymous, since probes and tools carry no token and none of them answers with data.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();

        if (app.Services.GetService<GrpcReflectionEnabled>() is not null)
        {
            // The method list is what the .proto files in contracts/ publish anyway.
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        app.Logger.LogInformation("Service {Service} ready to start", app.Environment.ApplicationName);
        return app;
    }
}

/// <summary>Marks that this service registered gRPC, so <c>MapDefaultEndpoints</c> maps reflection.</summary>
internal sealed class GrpcReflectionEnabled;
