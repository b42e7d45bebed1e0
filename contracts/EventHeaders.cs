namespace Oversight.Contracts;

/// <summary>AMQP headers the services set on what they publish.</summary>
public static class EventHeaders
{
    /// <summary>
    /// The message type's stable name (<c>ComplaintSubmitted</c>, <c>ReporterStatusNotice</c>), set by the outbox relay on
    /// every message: a regional site's messages are routed by it to their exchange at the centre.
    /// </summary>
    public const string Type = "oversight-event-type";
}
