namespace Oversight.Bench;

/// <summary>
/// One round of the intake benchmark. <paramref name="Calls"/>: the SubmitComplaint calls (OK answers are the
/// accepted complaints; their latencies). <paramref name="EndToEnd"/>: from the first call to the arrival of the
/// last accepted complaint's event. <paramref name="Unconfirmed"/>: accepted complaints whose event never came.
/// <paramref name="Raw"/>: the INSERT + COMMIT run of the same round; <paramref name="RawPublish"/>: its publish + confirm run
/// on the same RabbitMQ; <paramref name="Echo"/>: its bare gRPC echo on the same machine. <paramref name="PinHash"/>: the PIN's
/// hash alone, at the same concurrency, as <paramref name="PinHashScheme"/> describes it.
/// </summary>
public sealed record IntakeRound(int Round, LatencySummary Calls, TimeSpan EndToEnd, int Unconfirmed, LatencySummary Raw, LatencySummary RawPublish, LatencySummary Echo, LatencySummary PinHash, string PinHashScheme)
{
    public long Accepted => Calls.Operations;

    /// <summary>Complaints durable in PostgreSQL and confirmed by RabbitMQ, per second.</summary>
    public double AcceptedPerSecond => EndToEnd > TimeSpan.Zero ? Accepted / EndToEnd.TotalSeconds : 0;

    public bool Failed => Calls.Errors > 0 || Unconfirmed > 0 || Raw.Errors > 0 || RawPublish.Errors > 0 || Echo.Errors > 0;
}
