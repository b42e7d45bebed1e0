using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Infrastructure.Email;
using Oversight.Notifications.Infrastructure.Inbox;
using Oversight.Notifications.Infrastructure.Routing;
using Oversight.Notifications.Infrastructure.Webhooks;
using Oversight.Notifications.Model.Email;
using Oversight.Notifications.Model.Webhooks;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Infrastructure.Deliveries;

/// <summary>
/// Turns an event into deliveries: e-mails to the offices the directory's routing names, and a webhook call per
/// matching subscription (event type and region subtree). Stores them before anything is sent; the worker sends.
/// </summary>
public sealed class NotificationPlanner(
    RecipientDirectory recipients,
    SubscriptionStore subscriptions,
    DeliveryStore deliveries,
    PlannedEventCache cache,
    DeliverySignal signal,
    InboxStore inbox,
    InboxFeed inboxFeed,
    IOptions<EmailOptions> emailOptions,
    ILogger<NotificationPlanner> logger)
{
    public async Task PlanAsync(IntegrationEvent evt, CancellationToken cancellationToken)
    {
        var eventType = IntegrationEventTypes.NameOf(evt.GetType());
        // Redis's answer is enough either way: an event it has no mark for (mark lost, or a crash between the commit and
        // the mark) is planned again, and the unique keys of deliveries and inbox items add nothing. PostgreSQL is asked
        // only when Redis cannot answer, which saves a round trip per event (issue 19).
        var marked = await cache.IsPlannedAsync(evt.EventId);
        if (marked ?? await deliveries.IsPlannedAsync(evt.EventId, cancellationToken))
        {
            logger.LogInformation("{EventType} {EventId} was already planned; nothing sent again", eventType, evt.EventId);
            return;
        }

        var email = emailOptions.Value;
        var planned = new List<PlannedDelivery>();
        var inboxItems = new List<InboxPlan>();
        foreach (var recipient in await recipients.EmailRecipientsAsync(evt, cancellationToken))
        {
            if (EmailTemplates.Render(evt, recipient, email.Language, email.LinkBaseUrl) is not { } content) continue;
            planned.Add(new PlannedDelivery(Channels.Email, recipient.Address.Trim().ToLowerInvariant(), RecipientKinds.Office,
                recipient.OfficeId, null, JsonSerializer.Serialize(content)));
            if (recipient.OfficeId.Length > 0) inboxItems.Add(new InboxPlan(recipient.OfficeId, content.Subject, content.Link));
        }

        var body = WebhookBody.For(evt, eventType);
        foreach (var subscription in await subscriptions.ActiveAsync(cancellationToken))
        {
            if (!subscription.Wants(eventType, evt.RegionCode)) continue;
            planned.Add(new PlannedDelivery(Channels.Webhook, subscription.Id.ToString(), RecipientKinds.Subscription, null, subscription.Id, body));
        }

        var facts = new EventFacts(evt.EventId, eventType, ComplaintOf(evt), evt.RegionCode, Activity.Current?.Id);
        // The inbox first: storing the deliveries marks the event planned, so a retry after a failure in between must find the inbox to do.
        inboxFeed.Publish(await inbox.AddAsync(facts, inboxItems.DistinctBy(i => i.OfficeId).ToList(), cancellationToken));
        var added = await deliveries.AddPlanAsync(facts, planned, cancellationToken);
        await cache.MarkPlannedAsync(evt.EventId);
        if (added > 0) signal.Notify();
        // Debug: a line per event is a hot path's cost (issue 19); the deliveries table records what was planned.
        logger.LogDebug("{EventType} {EventId}: {Added} of {Planned} deliveries stored", eventType, evt.EventId, added, planned.Count);
    }

    private static Guid? ComplaintOf(IntegrationEvent evt) => evt switch
    {
        ComplaintChange change => change.ComplaintId,
        DeadlineEvent deadline => deadline.ComplaintId,
        _ => null,
    };
}
