namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// The envelope every integration event carries. The W3C trace context does not live here:
/// it travels in the message headers (<c>traceparent</c>, <c>tracestate</c>), set by the publisher.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this event; consumers de-duplicate on it.</summary>
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>When the fact happened (not when it was published).</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Version of this event's schema; raised on breaking changes.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Kemendagri code of the region the event is about ("52.71").</summary>
    public required string RegionCode { get; init; }

    /// <summary>
    /// The complaint the event is about (a complaint or deadline event's <c>ComplaintId</c>), or null for an event about
    /// none: the complaints service's outbox relay publishes one complaint's events in order by it. A method, so that no
    /// serializer makes it a field of the message (an override of a property would lose a JsonIgnore), and on the base
    /// type rather than an interface, which MassTransit would give an exchange and a URN in every <c>messageType</c>.
    /// </summary>
    public virtual Guid? AboutComplaint() => null;
}
