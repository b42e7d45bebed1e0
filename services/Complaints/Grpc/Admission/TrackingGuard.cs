using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// Limits how often a reporter's status read (TrackComplaint, no sign-in) may be tried: per tracking code, so a
/// six-digit PIN cannot be guessed (10 tries per 15 minutes makes a million PINs take decades), and per client
/// address, so one machine cannot walk many codes. Every try counts, right or wrong, so a refusal says nothing about
/// the PIN. Counters live in this process: with several instances behind a balancer each keeps its own, which
/// multiplies the allowance by the number of instances, still far from a guessable PIN. Neither the code nor the
/// address is logged (the address may be the reporter's).
/// </summary>
public sealed class TrackingGuard : IDisposable
{
    public const string Section = "Complaints:Tracking";

    private readonly PartitionedRateLimiter<string> _perCode;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly ILogger<TrackingGuard> _logger;

    public TrackingGuard(IConfiguration configuration, ILogger<TrackingGuard> logger)
    {
        var options = configuration.GetSection(Section).Get<TrackingGuardOptions>() ?? new TrackingGuardOptions();
        if (options.AttemptsPerCode <= 0 || options.AttemptsPerAddressPerMinute <= 0 || options.CodeWindowMinutes <= 0)
        {
            throw new InvalidOperationException($"{Section}: AttemptsPerCode, CodeWindowMinutes and AttemptsPerAddressPerMinute must be positive numbers.");
        }
        _perCode = Limiter(options.AttemptsPerCode, TimeSpan.FromMinutes(options.CodeWindowMinutes));
        _perAddress = Limiter(options.AttemptsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        _logger = logger;
    }

    /// <summary>
    /// Takes one try for the code and the address, or throws ResourceExhausted with a <c>retry-after</c> trailer (and,
    /// for REST, a <c>Retry-After</c> header).
    /// </summary>
    public void Admit(string trackingCode, ServerCallContext context)
    {
        // The code as typed, normalised the way TrackingCode.TryParse reads it, so "ab12-..." and "AB12..." share a budget.
        var code = new string([.. trackingCode.Where(char.IsLetterOrDigit).Take(64).Select(char.ToUpperInvariant)]);
        var address = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
        Take(_perAddress, address, "from this address", context.GetHttpContext());
        Take(_perCode, code, "for this tracking code", context.GetHttpContext());
    }

    private void Take(PartitionedRateLimiter<string> limiter, string key, string what, HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        _logger.LogWarning("Refused a tracking read: too many tries {What}, retry after {RetryAfter} s", what, seconds);
        // REST callers (JSON transcoding) never see gRPC trailers: they get the same wait as the Retry-After header of the 429.
        http.Response.Headers.RetryAfter = seconds;
        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Too many tries {what}: retry after {seconds} s."),
            new Metadata { { "retry-after", seconds } });
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _perCode.Dispose();
        _perAddress.Dispose();
    }
}

/// <summary>Configuration of <see cref="TrackingGuard"/> (section <c>Complaints:Tracking</c>).</summary>
public sealed class TrackingGuardOptions
{
    /// <summary>Tries of one tracking code per window; a reporter checks a few times a day.</summary>
    public int AttemptsPerCode { get; set; } = 10;

    public int CodeWindowMinutes { get; set; } = 15;

    /// <summary>Tries from one client address per minute, across codes (a shared office or a carrier's NAT sends many).</summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 120;
}
