using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Grpc.Core;
using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// Limits how often a reporter's status read (TrackComplaint, no sign-in) may be tried: per tracking code, so a
/// six-digit PIN cannot be guessed (10 tries per 15 minutes makes a million PINs take decades), and per client
/// address, so one machine cannot walk many codes. Every try counts, right or wrong, so a refusal says nothing about
/// the PIN. A code's tries are counted in Redis, so every instance of the service draws on one budget (with N
/// instances behind a balancer, counters of their own would allow N times the tries); while Redis cannot answer, each
/// instance counts them itself. The address's tries are counted per instance: they guard an instance against a flood.
/// Neither the code nor the address is logged (the address may be the reporter's), and Redis holds only the code's hash.
/// </summary>
public sealed class TrackingGuard : IDisposable
{
    public const string Section = "Complaints:Tracking";

    public const string KeyPrefix = "oversight:complaints:tracking-tries:";

    // One try: the window starts with a code's first try (a fixed window, as the in-process limiter's); the answer is
    // the tries in this window, this one included, and the milliseconds until it ends.
    private const string TakeTryScript = """
        local tries = redis.call('INCR', KEYS[1])
        if tries == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return { tries, redis.call('PTTL', KEYS[1]) }
        """;

    private readonly PartitionedRateLimiter<string> _perCode;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly ILogger<TrackingGuard> _logger;
    private readonly BestEffortRedis _redis;
    private readonly int _attemptsPerCode;
    private readonly TimeSpan _codeWindow;

    public TrackingGuard(IConfiguration configuration, IConnectionMultiplexer redis, ILogger<TrackingGuard> logger)
    {
        var options = configuration.GetSection(Section).Get<TrackingGuardOptions>() ?? new TrackingGuardOptions();
        if (options.AttemptsPerCode <= 0 || options.AttemptsPerAddressPerMinute <= 0 || options.CodeWindowMinutes <= 0)
        {
            throw new InvalidOperationException($"{Section}: AttemptsPerCode, CodeWindowMinutes and AttemptsPerAddressPerMinute must be positive numbers.");
        }
        _attemptsPerCode = options.AttemptsPerCode;
        _codeWindow = TimeSpan.FromMinutes(options.CodeWindowMinutes);
        _perCode = Limiter(options.AttemptsPerCode, _codeWindow);
        _perAddress = Limiter(options.AttemptsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        _logger = logger;
        _redis = new BestEffortRedis(redis, logger, "tracking tries", "each instance counts a code's tries itself until it is back",
            TimeSpan.FromMilliseconds(500));
    }

    /// <summary>The Redis key of a code's tries: its SHA-256, so Redis never holds a code.</summary>
    public static string KeyFor(string normalisedCode) =>
        KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedCode)));

    /// <summary>
    /// Takes one try for the code and the address, or throws ResourceExhausted with a <c>retry-after</c> trailer (and,
    /// for REST, a <c>Retry-After</c> header).
    /// </summary>
    public async Task AdmitAsync(string trackingCode, ServerCallContext context)
    {
        // The code as typed, normalised the way TrackingCode.TryParse reads it, so "ab12-..." and "AB12..." share a budget.
        var code = new string([.. trackingCode.Where(char.IsLetterOrDigit).Take(64).Select(char.ToUpperInvariant)]);
        var address = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
        Take(_perAddress, address, "from this address", context.GetHttpContext());
        var shared = await _redis.TryAsync(db => db.ScriptEvaluateAsync(TakeTryScript, [KeyFor(code)],
            [(long)_codeWindow.TotalMilliseconds]));
        if (shared is null || (RedisResult[]?)shared is not { Length: 2 } answer)
        {
            Take(_perCode, code, "for this tracking code", context.GetHttpContext());
            return;
        }
        if ((long)answer[0] > _attemptsPerCode)
        {
            var left = (long)answer[1];
            Refuse(left > 0 ? TimeSpan.FromMilliseconds(left) : _codeWindow, "for this tracking code", context.GetHttpContext());
        }
    }

    private void Take(PartitionedRateLimiter<string> limiter, string key, string what, HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return;
        }
        Refuse(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), what, http);
    }

    private void Refuse(TimeSpan wait, string what, HttpContext http)
    {
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
