namespace Oversight.Notifications.Infrastructure.Deliveries;

/// <summary>How deliveries are attempted (section <c>Notifications:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Notifications:Delivery";

    /// <summary>Attempts per delivery before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The delay before the second attempt; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One attempt (an SMTP session, a webhook call) is abandoned after this long.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker looks for due deliveries when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 32;
}
