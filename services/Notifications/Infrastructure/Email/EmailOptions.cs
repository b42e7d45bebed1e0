namespace Oversight.Notifications.Infrastructure.Email;

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
