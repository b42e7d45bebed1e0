namespace Oversight.ServiceDefaults.Caching;

/// <summary>
/// Whether a source of cached answers (the region directory) is in an outage, for a reader that serves older answers
/// meanwhile: after a failure it stops asking for <c>recheckAfter</c>, so an outage costs one slow call per interval
/// rather than one per request, and it tells the caller when to log the outage's start and end (once each).
/// Thread-safe; no I/O.
/// </summary>
public sealed class SourceOutage(TimeProvider time, TimeSpan recheckAfter)
{
    // UTC ticks of the last failed call of the current outage; 0 while the source answers.
    private long _failedAtTicks;
    // 1 once this outage's start was reported, so an outage logs one line, not one per request.
    private int _reported;

    /// <summary>True within <c>recheckAfter</c> of a failed call: serve usable answers without asking.</summary>
    public bool RecentlyFailed
    {
        get
        {
            var failedAt = Interlocked.Read(ref _failedAtTicks);
            return failedAt != 0 && time.GetUtcNow().UtcTicks - failedAt < recheckAfter.Ticks;
        }
    }

    /// <summary>A call failed because the source is unavailable.</summary>
    public void Failed() => Interlocked.Exchange(ref _failedAtTicks, time.GetUtcNow().UtcTicks);

    /// <summary>An older answer is served; true for the first time in this outage (log its start then).</summary>
    public bool ServingOlderAnswer() => Interlocked.Exchange(ref _reported, 1) == 0;

    /// <summary>
    /// The source answered; true when an outage had been reported (log its end then). Both flags reset on every answer,
    /// not only after a failure, so an older answer served while this one arrived cannot silence the next outage's start.
    /// </summary>
    public bool Answered()
    {
        Interlocked.Exchange(ref _failedAtTicks, 0);
        return Interlocked.Exchange(ref _reported, 0) == 1;
    }
}
