using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Oversight.Contracts.PrivateMessages;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Notifications.Infrastructure.Email;
using Oversight.Notifications.Model.Deliveries;
using Oversight.Notifications.Model.Email;

namespace Oversight.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// The complaints service's private notices to reporters, on their own queue: each becomes one e-mail delivery to the
/// reporter (a personal recipient, masked wherever shown), stored before anything is sent. A redelivered notice adds
/// nothing (unique event, recipient and channel), so it sends one e-mail. Log lines name the notice and the complaint,
/// never the address.
/// </summary>
public sealed class ReporterStatusNoticeConsumer(
    DeliveryStore deliveries,
    DeliverySignal signal,
    IOptions<EmailOptions> emailOptions,
    ILogger<ReporterStatusNoticeConsumer> logger) : IConsumer<ReporterStatusNotice>
{
    public const string QueueName = "notifications-reporter-notices";

    public async Task Consume(ConsumeContext<ReporterStatusNotice> context)
    {
        var notice = context.Message;
        var content = ReporterEmailTemplates.Render(notice, emailOptions.Value.Language);
        var delivery = new PlannedDelivery(Channels.Email, notice.Email.Trim().ToLowerInvariant(), RecipientKinds.Personal, null, null,
            JsonSerializer.Serialize(content));
        var facts = new EventFacts(notice.EventId, nameof(ReporterStatusNotice), notice.ComplaintId, notice.RegionCode, Activity.Current?.Id);
        var added = await deliveries.AddPlanAsync(facts, [delivery], context.CancellationToken);
        if (added > 0) signal.Notify();
        // Debug: a line per notice is a hot path's cost (issue 19).
        logger.LogDebug("ReporterStatusNotice {EventId} of complaint {ComplaintId} ({Status}): {Added} e-mail to the reporter stored",
            notice.EventId, notice.ComplaintId, notice.Status, added);
    }
}
