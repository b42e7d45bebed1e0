using System.Threading.RateLimiting;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// The per-client window and the global admission limit, taken so that each call uses one permit of its client's window.
/// The rate-limiting middleware first tries <c>AttemptAcquire</c> and, when that fails, <c>AcquireAsync</c>;
/// <see cref="PartitionedRateLimiter.CreateChained{TResource}"/> would take a window permit in both whenever every
/// admission slot is busy (the usual state at capacity), halving a client's limit exactly when the service is loaded.
/// So the attempt asks admission first and the window only once a slot is held; the wait asks the window first (it never
/// queues), so a client over its rate is refused without taking a place in the shared queue.
/// </summary>
public sealed class IntakeLimiterChain<TResource>(PartitionedRateLimiter<TResource> perClient, PartitionedRateLimiter<TResource> admission)
    : PartitionedRateLimiter<TResource>
{
    public override RateLimiterStatistics? GetStatistics(TResource resource) => admission.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(TResource resource, int permitCount)
    {
        var slot = admission.AttemptAcquire(resource, permitCount);
        if (!slot.IsAcquired) return slot;
        var window = perClient.AttemptAcquire(resource, permitCount);
        if (window.IsAcquired) return new BothLeases(window, slot);
        slot.Dispose();
        return window;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(TResource resource, int permitCount, CancellationToken cancellationToken)
    {
        var window = perClient.AttemptAcquire(resource, permitCount);
        if (!window.IsAcquired) return window;
        RateLimitLease slot;
        try
        {
            slot = await admission.AcquireAsync(resource, permitCount, cancellationToken);
        }
        catch
        {
            window.Dispose();
            throw;
        }
        if (slot.IsAcquired) return new BothLeases(window, slot);
        window.Dispose();
        return slot;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            perClient.Dispose();
            admission.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await perClient.DisposeAsync();
        await admission.DisposeAsync();
    }

    private sealed class BothLeases(RateLimitLease window, RateLimitLease slot) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                slot.Dispose();
                window.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
