using System.Security.Claims;
using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.Security.Authentication;
using Oversight.Notifications.Infrastructure.Inbox;

namespace Oversight.Notifications.Grpc;

public sealed partial class NotificationsService
{
    public override async Task<ListInboxReply> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        var (caller, officeId) = InboxOf(request.OfficeId, context);
        var limit = Limit(request.Limit, 200, "limit");
        var rows = await logger.CallDatabaseAsync(Database, "Listing an inbox", () => inbox.ListAsync(officeId, request.UnreadOnly, limit, context.CancellationToken));
        return new ListInboxReply { Items = { rows.Where(row => Sees(caller, officeId, row)).Select(ToMessage) } };
    }

    public override async Task<MarkInboxReadReply> MarkInboxRead(MarkInboxReadRequest request, ServerCallContext context)
    {
        var (caller, officeId) = InboxOf(request.OfficeId, context);
        if (request.ItemIds.Count is 0 or > 500) throw Invalid("item_ids: give 1 to 500 item ids");
        var ids = request.ItemIds.ToArray();
        // The rule the reads apply (Sees), applied before writing: an admin marks another office's items only where
        // its scope covers their region, and otherwise nothing at all is marked.
        var items = await logger.CallDatabaseAsync(Database, "Reading inbox items", () => inbox.FindAsync(officeId, ids, context.CancellationToken));
        if (items.FirstOrDefault(item => !Sees(caller, officeId, item)) is { } foreign)
        {
            var reason = $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(foreign.RegionCode)} of the office's items";
            logger.LogWarning("Refused {Method} for client {ClientId}: {Reason}", context.Method, caller.OfficeClientId(), reason);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Permission denied: {reason}."));
        }
        var marked = await logger.CallDatabaseAsync(Database, "Marking inbox items read",
            () => inbox.MarkReadAsync(officeId, ids, context.CancellationToken));
        return new MarkInboxReadReply { Marked = marked };
    }

    public override async Task WatchInbox(WatchInboxRequest request, IServerStreamWriter<InboxItem> responseStream, ServerCallContext context)
    {
        var (caller, officeId) = InboxOf(request.OfficeId, context);
        // Headers first, so a client knows the watch is open before the first item exists.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var row in inboxFeed.WatchAsync(officeId, context.CancellationToken))
            {
                if (Sees(caller, officeId, row)) await responseStream.WriteAsync(ToMessage(row), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client ended the watch.
        }
    }

    /// <summary>
    /// An office reads its own inbox (the token's office_id); an admin reads any office's, limited to regions its scope
    /// covers. Everyone else: PermissionDenied.
    /// </summary>
    private (ClaimsPrincipal Caller, string OfficeId) InboxOf(string requested, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        var own = caller.FindFirst(OfficeClaims.OfficeId)?.Value ?? "";
        var officeId = requested.Length > 0 ? requested : own;
        if (officeId.Length == 0) throw Invalid("office_id: required when the token names no office");
        if (officeId == own || caller.HasOfficeRole(OfficeRoles.Admin)) return (caller, officeId);
        logger.LogWarning("Refused {Method} for client {ClientId}: inbox of another office", context.Method, caller.OfficeClientId());
        throw new RpcException(new Status(StatusCode.PermissionDenied, "Permission denied: only the office itself or an admin reads an office's inbox."));
    }

    private static bool Sees(ClaimsPrincipal caller, string officeId, InboxItemRow row) =>
        caller.FindFirst(OfficeClaims.OfficeId)?.Value == officeId || caller.CoversRegion(row.RegionCode);

    private static InboxItem ToMessage(InboxItemRow row) => new()
    {
        Id = row.Id,
        OfficeId = row.OfficeId,
        EventId = row.EventId.ToString(),
        EventType = row.EventType,
        ComplaintId = row.ComplaintId?.ToString() ?? "",
        RegionCode = row.RegionCode,
        Title = row.Title,
        Link = row.Link,
        CreatedAt = Rfc3339(row.CreatedAt),
        ReadAt = row.ReadAt is { } read ? Rfc3339(read) : "",
    };
}
