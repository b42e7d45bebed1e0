using System.Globalization;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Notifications;
using Oversight.Security.Authentication;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Notifications.Infrastructure.Inbox;
using Oversight.Notifications.Infrastructure.Webhooks;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Grpc;

/// <summary>
/// The notifications API. Every call needs an office token, and every answer holds only rows about regions the
/// caller's scope covers. Split by area: deliveries here, subscriptions and dead letters in the partial files.
/// </summary>
public sealed partial class NotificationsService(
    DeliveryStore deliveries,
    SubscriptionStore subscriptions,
    DeliverySignal signal,
    InboxStore inbox,
    InboxFeed inboxFeed,
    IOptions<WebhookOptions> webhookOptions,
    ILogger<NotificationsService> logger) : Contracts.Notifications.Notifications.NotificationsBase
{
    private const string Database = "notifications database";

    public override async Task<ListNotificationsReply> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        if (!Guid.TryParse(request.ComplaintId, out var complaintId)) throw Invalid("complaint_id: must be a UUID");

        var rows = await logger.CallDatabaseAsync(Database, "Listing notifications", () => deliveries.ForComplaintAsync(complaintId, context.CancellationToken));
        return new ListNotificationsReply
        {
            Notifications =
            {
                rows.Where(row => caller.CoversRegion(row.RegionCode)).Select(row => new Notification
                {
                    DeliveryId = row.Id,
                    EventId = row.EventId.ToString(),
                    ComplaintId = row.ComplaintId?.ToString() ?? "",
                    Recipient = RecipientMask.Show(row.Channel, row.Recipient, row.RecipientKind, row.Url),
                    Channel = row.Channel,
                    Reason = row.EventType,
                    Status = row.Status,
                    RecordedAt = Rfc3339(row.CreatedAt),
                }),
            },
        };
    }

    public override async Task<ListDeliveryAttemptsReply> ListDeliveryAttempts(ListDeliveryAttemptsRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        var given = new[] { request.ComplaintId, request.OfficeId, request.SubscriptionId }.Count(v => v.Length > 0);
        if (given != 1) throw Invalid("complaint_id, office_id, subscription_id: give exactly one");
        Guid? complaintId = null, subscriptionId = null;
        if (request.ComplaintId.Length > 0)
        {
            complaintId = Guid.TryParse(request.ComplaintId, out var id) ? id : throw Invalid("complaint_id: must be a UUID");
        }
        if (request.SubscriptionId.Length > 0)
        {
            subscriptionId = Guid.TryParse(request.SubscriptionId, out var id) ? id : throw Invalid("subscription_id: must be a UUID");
        }
        var limit = Limit(request.Limit, 500, "limit");

        var rows = await logger.CallDatabaseAsync(Database, "Listing delivery attempts", () => deliveries.AttemptsAsync(
            complaintId, request.OfficeId.Length > 0 ? request.OfficeId : null, subscriptionId, limit, context.CancellationToken));
        return new ListDeliveryAttemptsReply
        {
            Attempts =
            {
                rows.Where(row => caller.CoversRegion(row.RegionCode)).Select(row => new DeliveryAttempt
                {
                    DeliveryId = row.DeliveryId,
                    Attempt = row.Attempt,
                    Channel = row.Channel,
                    Recipient = RecipientMask.Show(row.Channel, row.Recipient, row.RecipientKind, row.Url),
                    Outcome = row.Outcome,
                    LatencyMs = row.LatencyMs,
                    TraceId = row.TraceId ?? "",
                    Detail = row.Detail ?? "",
                    AttemptedAt = Rfc3339(row.AttemptedAt),
                    EventType = row.EventType,
                    ComplaintId = row.ComplaintId?.ToString() ?? "",
                }),
            },
        };
    }

    private static Delivery ToMessage(DeliveryRow row) => new()
    {
        Id = row.Id,
        EventId = row.EventId.ToString(),
        EventType = row.EventType,
        ComplaintId = row.ComplaintId?.ToString() ?? "",
        RegionCode = row.RegionCode,
        Channel = row.Channel,
        Recipient = RecipientMask.Show(row.Channel, row.Recipient, row.RecipientKind, row.Url),
        OfficeId = row.OfficeId ?? "",
        SubscriptionId = row.SubscriptionId?.ToString() ?? "",
        Status = row.Status,
        Attempts = row.Attempts,
        LastError = row.LastError ?? "",
        CreatedAt = Rfc3339(row.CreatedAt),
        NextAttemptAt = Rfc3339(row.NextAttemptAt),
    };

    /// <summary>Integrators manage their own webhooks; admins manage anyone's within their scope.</summary>
    private ClaimsPrincipal RequireIntegratorOrAdmin(ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        if (caller.HasOfficeRole(OfficeRoles.Integrator) || caller.HasOfficeRole(OfficeRoles.Admin)) return caller;
        logger.LogWarning("Refused {Method} for client {ClientId}: requires the integrator or admin role", context.Method, caller.OfficeClientId());
        throw new RpcException(new Status(StatusCode.PermissionDenied, "Permission denied: requires the integrator or admin role."));
    }

    private static int Limit(int requested, int maximum, string field) =>
        requested < 0 ? throw Invalid($"{field}: must not be negative") : requested == 0 ? maximum : Math.Min(requested, maximum);

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
}
