using Microsoft.Extensions.Hosting;

namespace Oversight.ServiceDefaults.Outbox;

/// <summary>The number of unpublished outbox rows as last seen by the relay, exported as a gauge.</summary>
internal sealed class OutboxBacklog
{
    private long _count;

    public OutboxBacklog() =>
        OversightTelemetry.Meter.CreateObservableGauge(
            "oversight.outbox.backlog", () => Interlocked.Read(ref _count), "{message}", "Outbox messages not yet published.");

    public void Set(long count) => Interlocked.Exchange(ref _count, count);
}
