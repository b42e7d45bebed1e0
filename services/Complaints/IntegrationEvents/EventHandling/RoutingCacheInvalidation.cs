using MassTransit;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.IntegrationEvents.EventHandling;

/// <summary>
/// Drops the routing cache when the region directory announces a change. Everything is dropped, not only the affected
/// regions: an office's change alters the routing of every region below it, and refilling costs two calls per region.
/// Idempotent, so a repeated event needs no de-duplication. An event missed (broker down, this process starting)
/// leaves answers at most FreshFor old in use, the consistency window documented in docs/architecture.md.
/// </summary>
public sealed class RoutingCacheInvalidation(RoutingCache cache, SharedRoutingAnswers shared, ILogger<RoutingCacheInvalidation> logger)
    : IConsumer<RegionDirectoryChanged>
{
    public async Task Consume(ConsumeContext<RegionDirectoryChanged> context)
    {
        cache.Clear();
        // The answers shared in Redis too: every instance deletes them (idempotent), so none is left to a restarted one.
        await shared.ClearAsync();
        logger.LogInformation("Routing cache dropped: region directory {Entity} {Change} (event {EventId})",
            context.Message.Entity, context.Message.Change, context.Message.EventId);
    }
}
