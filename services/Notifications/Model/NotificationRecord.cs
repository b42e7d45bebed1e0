namespace Oversight.Notifications.Model;

public sealed class NotificationRecord
{
    public const string ComplaintSubmittedReason = "complaint-submitted";
    public const string Pending = "pending";

    public required Guid EventId { get; init; }
    public required Guid ComplaintId { get; init; }
    public required string Recipient { get; init; }
    public required string Reason { get; init; }
    public required string Status { get; init; }

    /// <summary>UTC; Npgsql reads timestamptz as a UTC DateTime.</summary>
    public required DateTime RecordedAt { get; init; }
}
