namespace Oversight.Messaging.Outbox;

internal sealed class OutboxMessage
{
    public required long Id { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public string? Traceparent { get; init; }
    public string? Tracestate { get; init; }
}
