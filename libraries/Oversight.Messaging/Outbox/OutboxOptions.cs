namespace Oversight.Messaging.Outbox;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How long a published message is kept before it is deleted (default 7 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
