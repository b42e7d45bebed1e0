using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Reporting.Infrastructure;

namespace Oversight.Reporting.IntegrationEvents.EventHandling;

/// <summary>Counts each submitted complaint once per region; a Redis failure throws so MassTransit retries.</summary>
public sealed class ComplaintSubmittedConsumer(RegionCountsStore counts, ILogger<ComplaintSubmittedConsumer> logger)
    : IConsumer<ComplaintSubmitted>
{
    public async Task Consume(ConsumeContext<ComplaintSubmitted> context)
    {
        var evt = context.Message;
        await counts.CountSubmittedAsync(evt.EventId, evt.RegionCode);
        logger.LogInformation("Counted complaint {ComplaintId} for region {RegionCode}", evt.ComplaintId, evt.RegionCode);
    }
}
