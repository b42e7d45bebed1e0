using Oversight.ServiceDefaults;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// A per-office-client limit on intake (SubmitComplaint over gRPC and <c>POST /v1/complaints</c>): one desk whose
/// software retries in a loop cannot crowd out the others on election day. Partitioned by the token's client id;
/// calls without a valid token are not counted here (the handler refuses them). Over the limit a call answers
/// ResourceExhausted (gRPC) or 429 (REST), with a <c>retry-after</c> header in seconds. Chained after it, the global
/// <see cref="IntakeAdmission"/> limit refuses the same way, as busy, when the service has no room for another submission.
/// </summary>
public static class IntakeRateLimit
{
    public const string Section = "Complaints:RateLimit";
    private const string GrpcIntakePath = "/oversight.complaints.v1.Complaints/SubmitComplaint";
    private const string RestIntakePath = "/v1/complaints";

    private static readonly Counter<long> Refused = OversightMetrics.IntakeCallsRefused.CreateCounter();

    // One line per second per reason: the metric above counts every refusal.
    private static readonly RefusalLogThrottle ClientRateLines = new(TimeProvider.System, TimeSpan.FromSeconds(1));
    private static readonly RefusalLogThrottle BusyLines = new(TimeProvider.System, TimeSpan.FromSeconds(1));

    public static void AddIntakeRateLimit(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section).Get<IntakeRateLimitOptions>() ?? new IntakeRateLimitOptions();
        if (settings.PermitsPerMinute <= 0) throw new InvalidOperationException($"{Section}:PermitsPerMinute must be a positive number.");
        var admissionSettings = IntakeAdmission.Read(builder.Configuration);

        builder.Services.AddRateLimiter(options =>
        {
            // The client's own window and the global admission limit (Complaints:Admission), shared by every intake call;
            // the chain takes one window permit per call and refuses a runaway client without queueing it.
            var perClient = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsIntake(context.Request) && context.User.OfficeClientId() is { Length: > 0 } clientId
                    ? RateLimitPartition.GetFixedWindowLimiter(clientId, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            var admission = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsIntake(context.Request)
                    ? RateLimitPartition.Get("intake", _ => IntakeAdmission.CreateLimiter(admissionSettings))
                    : RateLimitPartition.GetNoLimiter(""));
            options.GlobalLimiter = new IntakeLimiterChain<HttpContext>(perClient, admission);
            options.OnRejected = RejectAsync;
        });
    }

    private static bool IsIntake(HttpRequest request) =>
        request.Path.Equals(GrpcIntakePath, StringComparison.Ordinal)
        || (HttpMethods.IsPost(request.Method) && request.Path.Equals(RestIntakePath, StringComparison.Ordinal));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // Only the per-client window says when it reopens; a busy refusal (no slot in the admission limit) has no such
        // metadata and gets a short hint, and its own message, so callers and logs tell the two refusals apart.
        var overClientRate = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
        var retryAfter = overClientRate ? wait : IntakeAdmission.BusyRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var clientId = context.User.OfficeClientId();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntakeRateLimit));
        string message;
        if (overClientRate)
        {
            Refused.Add(1, new KeyValuePair<string, object?>("reason", "client_rate"));
            if (ClientRateLines.ShouldLog(out var unlogged))
            {
                logger.LogWarning("Refused intake for client {ClientId}: over the rate limit, retry after {RetryAfter} s ({Unlogged} more refused since the last line)",
                    clientId, seconds, unlogged);
            }
            message = $"Too many submissions from this client: retry after {seconds} s.";
        }
        else
        {
            var reason = rejected.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) ? phrase : "no free slot";
            Refused.Add(1, new KeyValuePair<string, object?>("reason", "busy"));
            if (BusyLines.ShouldLog(out var unlogged))
            {
                logger.LogWarning("Refused intake for client {ClientId}: the service is busy ({Reason}), retry after {RetryAfter} s ({Unlogged} more refused since the last line)",
                    clientId, reason, seconds, unlogged);
            }
            message = $"The complaints service is busy: retry after {seconds} s.";
        }

        context.Response.Headers.RetryAfter = seconds;
        if (GrpcTrailersOnly.IsGrpc(context.Request))
        {
            GrpcTrailersOnly.Write(context.Response, global::Grpc.Core.StatusCode.ResourceExhausted, message);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.Response.WriteAsJsonAsync(new { code = 8, message, details = Array.Empty<object>() }, cancellationToken);
    }
}

/// <summary>Configuration of <see cref="IntakeRateLimit"/> (section <c>Complaints:RateLimit</c>).</summary>
public sealed class IntakeRateLimitOptions
{
    /// <summary>
    /// Submissions one office client may make per minute (fixed window). A desk typing laporan makes a few; the default
    /// (200/s) is set for bulk uploads and the intake benchmark (three desks, as fast as the machine goes) and stops only a
    /// runaway client. Production sets it lower through configuration.
    /// </summary>
    public int PermitsPerMinute { get; set; } = 12_000;
}
