namespace Oversight.Reporting.Infrastructure;

public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Prefix of every Redis key this service writes; tests set their own to stay isolated.</summary>
    public string KeyPrefix { get; set; } = "oversight:reporting:";

    public OpenDataOptions OpenData { get; set; } = new();

    /// <summary>How often a WatchSummary stream looks again without a change event (overdue counts move with time).</summary>
    public TimeSpan WatchRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The least time between two reads of a WatchSummary stream: changes within it are sent together. It bounds what a
    /// watcher costs under a stream of events (at most one summary read per interval) and adds at most this to the delay.
    /// </summary>
    public TimeSpan WatchCoalesce { get; set; } = TimeSpan.FromMilliseconds(50);
}

public sealed class OpenDataOptions
{
    /// <summary>Counts from 1 up to this value minus one are published as "&lt;N" (configuration <c>Reporting:OpenData:SuppressBelow</c>).</summary>
    public int SuppressBelow { get; set; } = 3;
}
