using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Notifications.Model.Webhooks;

/// <summary>
/// The JSON a webhook receives: <c>{"id", "type", "occurredAt", "regionCode", "data"}</c>, where data is the
/// integration event as docs/events.md describes it (no reporter data). Rendered once and stored, so every
/// attempt signs and sends the same bytes.
/// </summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string For(IntegrationEvent evt, string eventType) =>
        JsonSerializer.Serialize(new
        {
            id = evt.EventId,
            type = eventType,
            occurredAt = evt.OccurredAt,
            regionCode = evt.RegionCode,
            data = (object)evt,
        }, Json);
}
