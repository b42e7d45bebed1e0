using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Notifications.Infrastructure.Routing;

namespace Oversight.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// Every integration event, on one queue: each is planned into deliveries. A failure (directory or database down)
/// throws so MassTransit retries; planning the same event again adds nothing (unique key per event, recipient, channel).
/// </summary>
public sealed class NotificationEventsConsumer(NotificationPlanner planner, RecipientDirectory recipients) :
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
    public Task Consume(ConsumeContext<RegionDirectoryChanged> context)
    {
        // The kept routings and office lists may be wrong now. One process drops its own: a second instance of this
        // service on the same queue keeps its answers for at most Notifications:Directory:FreshFor.
        recipients.Forget();
        return planner.PlanAsync(context.Message, context.CancellationToken);
    }
}
