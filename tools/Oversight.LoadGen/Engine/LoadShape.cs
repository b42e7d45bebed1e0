namespace Oversight.LoadGen.Engine;

/// <summary>How the load is offered: a closed loop of N callers, or an open loop of arrivals at a fixed rate.</summary>
public abstract record LoadShape
{
    /// <summary>N callers, each calling again as soon as its last call returned; latency from the call's start.</summary>
    public sealed record Closed(int Concurrency) : LoadShape
    {
        public override string ToString() => $"closed loop, {Concurrency} callers";
    }

    /// <summary>
    /// Arrivals at a fixed rate whatever the answers; latency from the scheduled arrival. At most
    /// <paramref name="MaxInFlight"/> calls are outstanding: an arrival beyond that is not sent and counts as an
    /// error "NotSent (overloaded)", so an overloaded system shows as errors, not as a load generator out of memory.
    /// </summary>
    public sealed record Open(double RatePerSecond, int MaxInFlight) : LoadShape
    {
        public override string ToString() => $"open loop, {RatePerSecond:0.#}/s";
    }
}
