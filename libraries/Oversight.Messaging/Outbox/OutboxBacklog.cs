using Microsoft.Extensions.Hosting;

namespace Oversight.Messaging.Outbox;

/// <summary>
/// The number of unpublished outbox rows as last seen by the relay, exported as a gauge; and whether the relay is
/// stuck (a publish waiting for the broker's confirm, or the last attempt failed), for the outbox health check.
/// </summary>
internal sealed class OutboxBacklog
{
    private long _count;
    private long _publishStartedTicks;
    private volatile string? _failure;
    private DateTimeOffset _failingSince;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Since when the publish in progress has been waiting, if one is.</summary>
    public DateTimeOffset? PublishingSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _publishStartedTicks);
            return ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>The last relay failure and since when the relay has been failing; null once a round succeeded.</summary>
    public (string Reason, DateTimeOffset Since)? Failure => _failure is { } reason ? (reason, _failingSince) : null;

    public void PublishStarted() => Interlocked.Exchange(ref _publishStartedTicks, DateTimeOffset.UtcNow.UtcTicks);

    public void PublishEnded() => Interlocked.Exchange(ref _publishStartedTicks, 0);

    public void RelayFailed(string reason)
    {
        if (_failure is null) _failingSince = DateTimeOffset.UtcNow;
        _failure = reason;
    }

    public void RelaySucceeded() => _failure = null;

    public OutboxBacklog() =>
        OversightMetrics.OutboxBacklog.CreateObservableGauge(() => [new System.Diagnostics.Metrics.Measurement<long>(Interlocked.Read(ref _count))]);

    public void Set(long count) => Interlocked.Exchange(ref _count, count);
}
