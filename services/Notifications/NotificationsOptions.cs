using Oversight.ServiceDefaults.Caching;

namespace Oversight.Notifications;

/// <summary>E-mail settings (section <c>Notifications:Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    /// <summary>Where messages go as .eml files when no SMTP host is set; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    public string FromAddress { get; set; } = "notifikasi@oversight.example";

    public string FromName { get; set; } = "Oversight Netralitas ASN";

    /// <summary><c>id</c> (Bahasa Indonesia, the default) or <c>en</c>.</summary>
    public string Language { get; set; } = "id";

    /// <summary>Base of the link to a complaint in each message (the complaints service's REST route follows it).</summary>
    public string LinkBaseUrl { get; set; } = "http://localhost:5111";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP relay; without a <see cref="Host"/> messages go to the pickup directory.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions name: <c>None</c>, <c>Auto</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "StartTls";

    public string? Username { get; set; }

    public string? Password { get; set; }
}

/// <summary>Webhook settings (section <c>Notifications:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Notifications:Webhooks";

    /// <summary>Development only: lets subscriptions and deliveries reach loopback and private addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }
}

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

/// <summary>
/// The notifications service's own client at the region directory (section <c>Notifications:Directory</c>), and how long
/// it keeps the directory's routings and office lists: while the directory is unavailable, an answer up to
/// <c>UsableFor</c> old names the recipients instead of holding every event until it is back (the same trade as the
/// complaints service's routing cache).
/// </summary>
public sealed class DirectoryClientOptions : KeptAnswerSettings
{
    public const string Section = "Notifications:Directory";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
