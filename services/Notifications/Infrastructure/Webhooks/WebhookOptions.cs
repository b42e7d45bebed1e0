namespace Oversight.Notifications.Infrastructure.Webhooks;

/// <summary>Webhook settings (section <c>Notifications:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Notifications:Webhooks";

    /// <summary>Development only: lets subscriptions and deliveries reach loopback and private addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }
}
