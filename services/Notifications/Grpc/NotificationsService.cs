using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Notifications;
using Oversight.Notifications.Infrastructure;

namespace Oversight.Notifications.Grpc;

public sealed class NotificationsService(NotificationStore store, ILogger<NotificationsService> logger)
    : Contracts.Notifications.Notifications.NotificationsBase
{
    public override async Task<ListNotificationsReply> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.ComplaintId, out var complaintId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "complaint_id: must be a UUID"));
        }

        try
        {
            var rows = await store.ForComplaintAsync(complaintId, context.CancellationToken);
            return new ListNotificationsReply
            {
                Notifications =
                {
                    rows.Select(row => new Notification
                    {
                        EventId = row.EventId.ToString(),
                        ComplaintId = row.ComplaintId.ToString(),
                        Recipient = row.Recipient,
                        Reason = row.Reason,
                        Status = row.Status,
                        RecordedAt = DateTime.SpecifyKind(row.RecordedAt, DateTimeKind.Utc).ToString("O"),
                    }),
                },
            };
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Notifications database unavailable: {Reason}", ex.Message);
            throw new RpcException(new Status(StatusCode.Unavailable, "The notifications database is unavailable."));
        }
    }
}
