using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.ServiceDefaults.Outbox;

/// <summary>How an event is stored in outbox_messages.payload and read back; both sides must use the same options.</summary>
internal static class OutboxPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(IntegrationEvent evt) => JsonSerializer.Serialize(evt, evt.GetType(), Options);

    public static IntegrationEvent Deserialize(string eventType, string payload) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(payload, IntegrationEventTypes.Resolve(eventType), Options)
            ?? throw new JsonException($"Outbox payload of {eventType} is null."));
}
