using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Oversight.Notifications.Model.Email;

namespace Oversight.Notifications.Infrastructure.Email;

/// <summary>Where a built message goes: an SMTP relay, or a pickup directory when none is configured.</summary>
public interface IEmailTransport
{
    /// <summary>Sends; returns a short detail for the delivery log (the server's reply or the file name). Throws on failure.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit, one session per message (deliveries are few and spread out).</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        var reply = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return $"smtp: {reply}";
    }
}

/// <summary>Development: each message as an .eml file (written to a temporary name, then renamed, so readers never see half a file).</summary>
public sealed class PickupDirectoryTransport(string directory) : IEmailTransport
{
    public string Directory { get; } = directory;

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(Directory, name));
        return $"pickup: {name}";
    }
}

/// <summary>Builds the MIME message of a stored <see cref="EmailContent"/>.</summary>
public static class EmailMessages
{
    public static MimeMessage Build(EmailContent content, EmailOptions options, Guid eventId, long deliveryId)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(content.ToName, content.To));
        message.Subject = content.Subject;
        // The same id on every attempt of a delivery, so that a resend after a crash is recognisable as a duplicate.
        message.MessageId = $"{eventId:N}.{deliveryId}@notifications.oversight";
        message.Headers.Add("X-Oversight-Event-Id", eventId.ToString());
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return message;
    }
}
