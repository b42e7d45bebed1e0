using MimeKit;
using Oversight.Notifications.Infrastructure.Email;
using Oversight.Notifications.Model.Email;

namespace Oversight.UnitTests.Notifications;

/// <summary>Without SMTP, each message is a complete .eml file in the pickup folder.</summary>
public sealed class PickupDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oversight-pickup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_message_is_written_as_an_eml_file_that_reads_back_with_both_parts()
    {
        var eventId = Guid.NewGuid();
        var content = new EmailContent("bawaslu-52-71@x.example", "Bawaslu Kota Mataram", "[Oversight] Pengaduan baru diterima: 52.71/LP/2026/0001",
            "Nomor registrasi: 52.71/LP/2026/0001", "<p>Nomor registrasi: 52.71/LP/2026/0001</p>");
        var detail = await new PickupDirectoryTransport(_directory).SendAsync(EmailMessages.Build(content, new EmailOptions(), eventId, 42), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.EndsWith(".eml", file);
        Assert.Equal("pickup: " + Path.GetFileName(file), detail);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(content.Subject, message.Subject);
        Assert.Equal("bawaslu-52-71@x.example", ((MailboxAddress)message.To.Single()).Address);
        Assert.Equal($"{eventId:N}.42@notifications.oversight", message.MessageId);
        Assert.Equal(eventId.ToString(), message.Headers["X-Oversight-Event-Id"]);
        Assert.Contains("52.71/LP/2026/0001", message.TextBody);
        Assert.Contains("<p>Nomor registrasi", message.HtmlBody);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
