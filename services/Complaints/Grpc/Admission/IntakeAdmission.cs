using System.Threading.RateLimiting;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// A global limit on intake submissions in flight (all clients together). Past the machine's capacity, extra calls do not
/// make intake faster: they wait for a database connection and a core, and then fail after their callers have given up
/// (measured: 60 OK/s at 61 offered/s, 6.5 OK/s at 91 offered/s). So at most <see cref="IntakeAdmissionOptions.MaxInFlight"/>
/// submissions run, <see cref="IntakeAdmissionOptions.MaxQueued"/> wait (oldest first) for at most
/// <see cref="IntakeAdmissionOptions.MaxQueueWait"/>, and the rest are refused at once as busy, so the service keeps
/// serving its capacity. Every intake call counts, with or without a valid token: the limit protects the process.
/// </summary>
public static class IntakeAdmission
{
    public const string Section = "Complaints:Admission";

    /// <summary>The retry hint of a busy refusal: a slot frees within a fraction of a second at capacity.</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);

    public static IntakeAdmissionOptions Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<IntakeAdmissionOptions>() ?? new IntakeAdmissionOptions();
        var problems = Problems(settings);
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>What is wrong with the settings, each naming its key; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(IntakeAdmissionOptions settings)
    {
        var problems = new List<string>();
        if (settings.MaxInFlight <= 0) problems.Add($"{Section}:MaxInFlight must be a positive number (submissions running at once), got {settings.MaxInFlight}.");
        if (settings.MaxQueued < 0) problems.Add($"{Section}:MaxQueued must be zero or a positive number (submissions waiting for a slot), got {settings.MaxQueued}.");
        if (settings.MaxQueueWait <= TimeSpan.Zero) problems.Add($"{Section}:MaxQueueWait must be a positive duration (e.g. 00:00:02), got {settings.MaxQueueWait}.");
        return problems;
    }

    /// <summary>The one limiter all intake calls share.</summary>
    public static RateLimiter CreateLimiter(IntakeAdmissionOptions settings) => new QueueTimeoutLimiter(
        new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxInFlight,
            QueueLimit = settings.MaxQueued,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }),
        settings.MaxQueueWait);
}

/// <summary>Configuration of <see cref="IntakeAdmission"/> (section <c>Complaints:Admission</c>).</summary>
public sealed class IntakeAdmissionOptions
{
    /// <summary>
    /// Submissions running at once, all clients together. A submission takes 100-150 ms at low load on two cores, so 16
    /// could run 100/s, above the machine's ~60/s: the limit does not cap throughput, it keeps the excess out.
    /// </summary>
    public int MaxInFlight { get; set; } = 16;

    /// <summary>
    /// Submissions waiting for a slot (oldest first); beyond these a call is refused as busy at once. With
    /// <see cref="MaxInFlight"/>, 32 admitted at ~60/s make about 0.5 s, the p99 intake has at 60/s without overload.
    /// </summary>
    public int MaxQueued { get; set; } = 16;

    /// <summary>How long a submission may wait for a slot before it is refused as busy.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);
}
