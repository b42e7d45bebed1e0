using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.Security.Authentication;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Grpc;

public sealed partial class NotificationsService
{
    public override async Task<ListDeadLettersReply> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var caller = context.RequireOfficeRole(OfficeRoles.Admin, logger);
        var limit = Limit(request.Limit, 200, "limit");
        var rows = await logger.CallDatabaseAsync(Database, "Listing dead letters", () => deliveries.DeadLettersAsync(limit, context.CancellationToken));
        return new ListDeadLettersReply { DeadLetters = { rows.Where(row => caller.CoversRegion(row.RegionCode)).Select(ToMessage) } };
    }

    public override async Task<Delivery> RedeliverDeadLetter(RedeliverDeadLetterRequest request, ServerCallContext context)
    {
        var caller = context.RequireOfficeRole(OfficeRoles.Admin, logger);
        if (request.DeliveryId <= 0) throw Invalid("delivery_id: must be a positive delivery id");
        var found = await logger.CallDatabaseAsync(Database, "Finding a dead letter", () => deliveries.FindAsync(request.DeliveryId, context.CancellationToken));
        if (found is null || !caller.CoversRegion(found.RegionCode) || found.Status != DeliveryStatus.Dead)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"delivery_id: {request.DeliveryId} is not a dead letter"));
        }
        var requeued = await logger.CallDatabaseAsync(Database, "Redelivering a dead letter", () => deliveries.RedeliverAsync(request.DeliveryId, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"delivery_id: {request.DeliveryId} is not a dead letter"));
        signal.Notify();
        logger.LogInformation("Dead letter {DeliveryId} put back for delivery by {ClientId}", request.DeliveryId, caller.OfficeClientId());
        return ToMessage(requeued);
    }
}
