using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Notifications.Infrastructure.Routing;

namespace Oversight.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// Every integration event, on one queue: each is planned into deliveries. A failure (directory or database down)
/// throws so MassTransit retries; planning the same event again adds nothing (unique key per event, recipient, channel).
/// </summary>
public sealed class NotificationEventsConsumer(NotificationPlanner planner) :
    IConsumer<ComplaintSubmitted>, IConsumer<ComplaintRegistered>, IConsumer<ComplaintRejected>, IConsumer<ReviewExtended>,
    IConsumer<ComplaintDecided>, IConsumer<RecommendationIssued>, IConsumer<SanctionImposed>, IConsumer<ComplaintEscalated>,
    IConsumer<ComplaintClosed>, IConsumer<ComplaintStatusChanged>, IConsumer<DeadlineApproaching>, IConsumer<DeadlineMissed>,
    IConsumer<RegionDirectoryChanged>
{
    public Task Consume(ConsumeContext<ComplaintSubmitted> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintRegistered> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintRejected> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ReviewExtended> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintDecided> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<RecommendationIssued> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<SanctionImposed> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintEscalated> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintClosed> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<ComplaintStatusChanged> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<DeadlineApproaching> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<DeadlineMissed> context) => planner.PlanAsync(context.Message, context.CancellationToken);
    // Planned like any event (a subscription may ask for it); every instance's kept look-ups are dropped by
    // RecipientCacheInvalidation, on a queue of its own.
    public Task Consume(ConsumeContext<RegionDirectoryChanged> context) => planner.PlanAsync(context.Message, context.CancellationToken);
}
