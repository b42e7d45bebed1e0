using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Regions;
using Oversight.Reporting.Infrastructure;

namespace Oversight.Reporting.IntegrationEvents.EventHandling;

/// <summary>
/// Every complaint event places its complaint in the read model from the snapshot it carries; the highest
/// version wins, so redeliveries and any order end in the same state (that is also how events are
/// de-duplicated). A Redis failure throws, so MassTransit retries.
/// </summary>
public sealed class ComplaintChangeConsumer(ProjectionStore projection, ILogger<ComplaintChangeConsumer> logger) :
    IConsumer<ComplaintSubmitted>, IConsumer<ComplaintRegistered>, IConsumer<ComplaintRejected>, IConsumer<ReviewExtended>,
    IConsumer<ComplaintDecided>, IConsumer<RecommendationIssued>, IConsumer<SanctionImposed>, IConsumer<ComplaintEscalated>,
    IConsumer<ComplaintClosed>, IConsumer<ComplaintStatusChanged>
{
    public Task Consume(ConsumeContext<ComplaintSubmitted> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintRegistered> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintRejected> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ReviewExtended> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintDecided> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<RecommendationIssued> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<SanctionImposed> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintEscalated> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintClosed> context) => ApplyAsync(context.Message);
    public Task Consume(ConsumeContext<ComplaintStatusChanged> context) => ApplyAsync(context.Message);

    private async Task ApplyAsync(ComplaintChange change)
    {
        var eventType = change.GetType().Name;
        if (change.State is not { } state)
        {
            logger.LogWarning("Ignored {EventType} {EventId} of complaint {ComplaintId}: it carries no state snapshot (written before schema 2)",
                eventType, change.EventId, change.ComplaintId);
            return;
        }
        if (!RegionCode.IsValid(state.RegionCode))
        {
            logger.LogWarning("Ignored {EventType} {EventId} of complaint {ComplaintId}: its region code is not a Kemendagri code",
                eventType, change.EventId, change.ComplaintId);
            return;
        }

        var outcome = await projection.ApplyLiveAsync(change.ComplaintId, state);
        // Debug, not Information: one line per event is a hot path's cost (issue 19); warnings above stay.
        logger.LogDebug("{Outcome} {EventType} of complaint {ComplaintId} version {Version} in region {RegionCode}",
            outcome == ApplyOutcome.Applied ? "Applied" : "Skipped (not newer)", eventType, change.ComplaintId, state.Version, state.RegionCode);
    }
}
