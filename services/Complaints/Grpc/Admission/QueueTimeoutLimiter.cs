using System.Threading.RateLimiting;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// A limiter whose queued requests give up after <paramref name="maxQueueWait"/>: <see cref="ConcurrencyLimiter"/> has no
/// queue timeout, and a submission that waited seconds for a slot is better refused at once (the caller retries
/// elsewhere or later) than served close to its deadline. A request that gives up gets a lease that is not acquired,
/// with the reason <see cref="WaitedTooLong"/>; a request cancelled by its caller still throws, as with the inner limiter.
/// </summary>
public sealed class QueueTimeoutLimiter(RateLimiter inner, TimeSpan maxQueueWait) : RateLimiter
{
    /// <summary>The reason phrase of a lease refused because the request waited longer than the maximum.</summary>
    public const string WaitedTooLong = "waited too long in the admission queue";

    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(maxQueueWait);
        try
        {
            return await inner.AcquireAsync(permitCount, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RefusedLease(WaitedTooLong);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore() => await inner.DisposeAsync();

    private sealed class RefusedLease(string reason) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.ReasonPhrase.Name ? reason : null;
            return metadata is not null;
        }
    }
}
