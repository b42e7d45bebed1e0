using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.Messaging.Outbox;

/// <summary>How an event is stored in outbox_messages.payload and read back; both sides must use the same options.</summary>
internal static class OutboxPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    /// <summary>An integration event, or a private message (<see cref="PrivateMessageTypes"/>).</summary>
    public static object Deserialize(string eventType, string payload) =>
        JsonSerializer.Deserialize(payload, PrivateMessageTypes.IsPrivate(eventType) ? PrivateMessageTypes.Resolve(eventType) : IntegrationEventTypes.Resolve(eventType), Options)
            ?? throw new JsonException($"Outbox payload of {eventType} is null.");
}
