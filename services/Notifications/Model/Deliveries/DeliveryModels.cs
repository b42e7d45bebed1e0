namespace Oversight.Notifications.Model.Deliveries;

public static class Channels
{
    public const string Email = "email";
    public const string Webhook = "webhook";
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";
}

public static class RecipientKinds
{
    /// <summary>A public office address: shown as is.</summary>
    public const string Office = "office";

    /// <summary>A person's address: masked wherever it is shown.</summary>
    public const string Personal = "personal";

    public const string Subscription = "subscription";
}

/// <summary>One send the planner decided on, before it is stored.</summary>
public sealed record PlannedDelivery(string Channel, string Recipient, string RecipientKind, string? OfficeId, Guid? SubscriptionId, string Payload);

/// <summary>The event facts every delivery row of an event shares.</summary>
public sealed record EventFacts(Guid EventId, string EventType, Guid? ComplaintId, string RegionCode, string? Traceparent);

/// <summary>A delivery leased to this worker for one attempt.</summary>
public sealed class ClaimedDelivery
{
    public long Id { get; init; }
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string RecipientKind { get; init; } = "";
    public Guid? SubscriptionId { get; init; }
    public string Payload { get; init; } = "";
    /// <summary>This attempt's number (1 for the first).</summary>
    public int Attempts { get; init; }
    public string? Traceparent { get; init; }
    /// <summary>Webhooks: the subscription's URL and secret; null when it was deleted.</summary>
    public string? Url { get; init; }
    public string? Secret { get; init; }
}

/// <summary>A delivery as the API shows it.</summary>
public sealed class DeliveryRow
{
    public long Id { get; init; }
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";
    public Guid? ComplaintId { get; init; }
    public string RegionCode { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string RecipientKind { get; init; } = "";
    public string? OfficeId { get; init; }
    public Guid? SubscriptionId { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; init; }
    /// <summary>The subscription's URL, for webhook rows.</summary>
    public string? Url { get; init; }
}

/// <summary>One attempt as the delivery log shows it.</summary>
public sealed class AttemptRow
{
    public long DeliveryId { get; init; }
    public int Attempt { get; init; }
    public string Channel { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string RecipientKind { get; init; } = "";
    public string? Url { get; init; }
    public string Outcome { get; init; } = "";
    public long LatencyMs { get; init; }
    public string? TraceId { get; init; }
    public string? Detail { get; init; }
    public DateTime AttemptedAt { get; init; }
    public string EventType { get; init; } = "";
    public Guid? ComplaintId { get; init; }
    public string RegionCode { get; init; } = "";
}

/// <summary>The result of one attempt.</summary>
/// <param name="Outcome">sent, failed or timeout.</param>
public sealed record AttemptResult(string Outcome, string Detail, long LatencyMs)
{
    public bool Succeeded => Outcome == "sent";
}

/// <summary>An attempt made, to be recorded: its result, and when to try again (null: sent, or a dead letter when it failed).</summary>
public sealed record CompletedAttempt(ClaimedDelivery Delivery, AttemptResult Result, DateTimeOffset? RetryAt, string TraceId);
