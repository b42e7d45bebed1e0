namespace Oversight.Complaints.Infrastructure.Outbox;

/// <summary>The number of unpublished outbox rows as last seen by the relay, exported as a gauge.</summary>
public sealed class OutboxBacklog
{
    private long _count;

    public OutboxBacklog() =>
        OversightTelemetry.Meter.CreateObservableGauge(
            "oversight.outbox.backlog", () => Interlocked.Read(ref _count), "{message}", "Outbox messages not yet published.");

    public void Set(long count) => Interlocked.Exchange(ref _count, count);
}
