using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Infrastructure.Routing;

namespace Oversight.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// Drops the kept recipient look-ups (routings, office lists) when the region directory announces a change, in every
/// instance of the service (a queue per process). Idempotent. An event missed (broker down, this process starting)
/// leaves answers at most Notifications:Directory:FreshFor old in use.
/// </summary>
public sealed class RecipientCacheInvalidation(RecipientDirectory recipients, ILogger<RecipientCacheInvalidation> logger) : IConsumer<RegionDirectoryChanged>
{
    public Task Consume(ConsumeContext<RegionDirectoryChanged> context)
    {
        recipients.Forget();
        logger.LogInformation("Recipient look-ups dropped: region directory {Entity} {Change} (event {EventId})",
            context.Message.Entity, context.Message.Change, context.Message.EventId);
        return Task.CompletedTask;
    }
}
