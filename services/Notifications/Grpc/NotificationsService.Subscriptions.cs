using System.Security.Cryptography;
using Grpc.Core;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Security.Authentication;
using Oversight.Notifications.Infrastructure.Webhooks;

namespace Oversight.Notifications.Grpc;

public sealed partial class NotificationsService
{
    public override async Task<CreateSubscriptionReply> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var caller = RequireIntegratorOrAdmin(context);
        var errors = new List<string>();
        var allowPrivate = webhookOptions.Value.AllowPrivateAddresses;
        if ((WebhookUrlPolicy.Check(request.Url, allowPrivate)
             ?? await WebhookUrlPolicy.CheckResolvedAsync(request.Url, allowPrivate, context.CancellationToken)) is { } urlRule)
        {
            errors.Add($"url: {urlRule}");
        }
        if (!RegionScope.IsValid(request.RegionCode)) errors.Add("region_code: must be empty (national), a province (\"64\") or a regency/city (\"64.03\")");
        foreach (var type in request.EventTypes.Where(t => !IsEventType(t)))
        {
            errors.Add($"event_types: unknown event type \"{type}\" (see docs/events.md)");
        }
        if (request.Secret.Length is > 0 and < 16 or > 256) errors.Add("secret: must be 16 to 256 characters, or empty to have one generated");
        if (errors.Count > 0) throw Invalid(string.Join("; ", errors));
        // Checked after the input: an integrator scoped to 64 may subscribe to 64 or 64.03, never to 52.71 or the nation.
        if (!caller.CoversRegion(request.RegionCode))
        {
            logger.LogWarning("Refused {Method} for client {ClientId}: scope {Scope} does not cover region {RegionCode}",
                context.Method, caller.OfficeClientId(), RegionScope.Describe(caller.RegionScopeOf()), RegionScope.Describe(request.RegionCode));
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Permission denied: region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region_code {RegionScope.Describe(request.RegionCode)}."));
        }

        var secret = request.Secret.Length > 0 ? request.Secret : "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var stored = await logger.CallDatabaseAsync(Database, "Creating a webhook subscription", () => subscriptions.AddAsync(
            request.Url, request.EventTypes.Distinct().ToArray(), request.RegionCode, secret, caller.OfficeClientId() ?? "", context.CancellationToken));
        logger.LogInformation("Webhook subscription {SubscriptionId} created by {ClientId} for region {RegionCode}",
            stored.Id, caller.OfficeClientId(), RegionScope.Describe(stored.RegionCode));
        return new CreateSubscriptionReply { Subscription = ToMessage(stored), Secret = secret };
    }

    public override async Task<ListSubscriptionsReply> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var caller = RequireIntegratorOrAdmin(context);
        var rows = await logger.CallDatabaseAsync(Database, "Listing webhook subscriptions", () => subscriptions.ActiveAsync(context.CancellationToken));
        return new ListSubscriptionsReply { Subscriptions = { rows.Where(s => caller.CoversRegion(s.RegionCode)).Select(ToMessage) } };
    }

    public override async Task<DeleteSubscriptionReply> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context)
    {
        var caller = RequireIntegratorOrAdmin(context);
        if (!Guid.TryParse(request.Id, out var id)) throw Invalid("id: must be a UUID");
        var found = await logger.CallDatabaseAsync(Database, "Finding a webhook subscription", () => subscriptions.FindActiveAsync(id, context.CancellationToken));
        // Out of scope reads as unknown: a caller learns nothing about other regions' subscriptions.
        if (found is null || !caller.CoversRegion(found.RegionCode)) throw new RpcException(new Status(StatusCode.NotFound, $"id: no subscription {id}"));
        var cancelled = await logger.CallDatabaseAsync(Database, "Deleting a webhook subscription", () => subscriptions.DeleteAsync(id, context.CancellationToken));
        logger.LogInformation("Webhook subscription {SubscriptionId} deleted by {ClientId}; {Cancelled} deliveries cancelled", id, caller.OfficeClientId(), cancelled);
        return new DeleteSubscriptionReply { Id = id.ToString(), CancelledDeliveries = cancelled };
    }

    private static bool IsEventType(string name)
    {
        try
        {
            IntegrationEventTypes.Resolve(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static WebhookSubscription ToMessage(SubscriptionRecord record) => new()
    {
        Id = record.Id.ToString(),
        Url = record.Url,
        EventTypes = { record.EventTypes },
        RegionCode = record.RegionCode,
        CreatedBy = record.CreatedBy,
        CreatedAt = Rfc3339(record.CreatedAt),
    };
}
