namespace Oversight.LoadGen.Engine;

/// <summary>
/// The open-loop arrival times at a fixed rate: arrival i is due at i / rate seconds after the start, whatever
/// happened to earlier calls. Latency is measured from the due time, not from when the call actually went out,
/// so a stalled system cannot hide its stall by delaying the load generator (coordinated omission).
/// </summary>
public sealed class ArrivalSchedule
{
    public ArrivalSchedule(double ratePerSecond)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "the arrival rate must be a positive number per second");
        RatePerSecond = ratePerSecond;
    }

    public double RatePerSecond { get; }

    /// <summary>When arrival <paramref name="index"/> (0-based) is due, from the start.</summary>
    public TimeSpan DueAt(long index) => TimeSpan.FromSeconds(index / RatePerSecond);

    /// <summary>How many arrivals are due at or before <paramref name="elapsed"/> (arrival 0 is due at once).</summary>
    public long DueBy(TimeSpan elapsed) => elapsed < TimeSpan.Zero ? 0 : (long)Math.Floor(elapsed.TotalSeconds * RatePerSecond + 1e-9) + 1;

    /// <summary>How many arrivals a run of <paramref name="duration"/> schedules (those due strictly before its end).</summary>
    public long CountWithin(TimeSpan duration) => (long)Math.Ceiling(duration.TotalSeconds * RatePerSecond - 1e-9);
}
