using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Grpc.AspNetCore.Server;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>Wires <see cref="RequestLimitsOptions"/> into Kestrel, the gRPC server and the HTTP pipeline of every service.</summary>
public static class RequestLimitsExtensions
{
    /// <summary>Reads the <c>Limits</c> section once and applies the Kestrel limits and the JSON body guard.</summary>
    public static RequestLimitsOptions AddRequestLimits(this IHostApplicationBuilder builder)
    {
        var existing = builder.Services.Select(d => d.ImplementationInstance).OfType<RequestLimitsOptions>().FirstOrDefault();
        if (existing is not null) return existing;

        var limits = builder.Configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            // HTTP/2 header lists (gRPC) have their own limit; keep it in step with HTTP/1.1's.
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = Math.Max(limits.MaxRequestHeadersTotalBytes, 16 * 1024);
            // One stream may send a whole message of the largest size allowed, and the connection holds several of them
            // in flight: a client's large messages (refused from their frame header) then do not use up the window its
            // small calls on the same connection need.
            kestrel.Limits.Http2.InitialStreamWindowSize = limits.MaxReceiveMessageBytes + 64 * 1024;
            kestrel.Limits.Http2.InitialConnectionWindowSize = Math.Max(8 * (limits.MaxReceiveMessageBytes + 64 * 1024), 1024 * 1024);
        });
        // First in the pipeline, before routing and authentication: a hostile body is refused before anything reads it
        // (JSON: size and depth; gRPC: size and well-formed protobuf of the method's request type).
        builder.Services.AddSingleton<IStartupFilter, JsonBodyGuardStartupFilter>();
        // A process that serves no gRPC has no request types to check; AddDefaultGrpc gives those it serves.
        builder.Services.TryAddSingleton(new GrpcRequestTypes([]));
        return limits;
    }

    /// <summary>The gRPC server's message size limits and the unary deadline cap.</summary>
    public static void ApplyRequestLimits(this GrpcServiceOptions options, RequestLimitsOptions limits)
    {
        options.MaxReceiveMessageSize = limits.MaxReceiveMessageBytes;
        options.MaxSendMessageSize = limits.MaxSendMessageBytes;
        options.Interceptors.Add<StatusDetailLimitInterceptor>();
        options.Interceptors.Add<UnaryDeadlineInterceptor>();
    }

    private sealed class JsonBodyGuardStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<JsonBodyGuardMiddleware>();
            app.UseMiddleware<GrpcRequestGuardMiddleware>();
            next(app);
        };
    }
}
