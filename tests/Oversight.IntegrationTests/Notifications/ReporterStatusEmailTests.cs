using System.Text;
using System.Text.Json;
using MimeKit;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.PrivateMessages;
using Oversight.IntegrationTests.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using RabbitMQ.Client;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>
/// Status e-mails to the reporter: a laporan whose reporter gave an address and agreed to be told yields one e-mail per
/// status change (tracking code and status, read back from the SMTP listener); without consent, none. The address
/// travels only on the private exchange: it is in no integration event, no log line of any service and no outbox row
/// left behind, and a redelivered notice sends one e-mail.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class ReporterStatusEmailTests(NotificationsFixture fixture)
{
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";

    private TestSystem System => fixture.System;

    private ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    // One address per test, so that counts are not disturbed by the other tests sharing the SMTP listener.
    private static string NewAddress() => $"pelapor.{Guid.NewGuid():N}@example.org";

    // As the delivery log shows a personal address: "pelapor.…@example.org" → "p***@example.org".
    private static string Masked(string address) => $"{address[0]}***{address[address.IndexOf('@')..]}";

    [Fact]
    public async Task A_consenting_reporter_gets_one_email_per_status_change_and_the_address_stays_private()
    {
        var address = NewAddress();
        // As an integrator's queue would be bound: to every integration event exchange, including the exchanges of the
        // events' abstract bases that MassTransit binds them to.
        await using var integrationQueue = await EventListener.ListenAsync(System.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"),
            typeof(IntegrationEvent).Assembly.GetExportedTypes().Where(type => type.IsAssignableTo(typeof(IntegrationEvent))));

        var request = ComplaintSubmission.Laporan("52.71") with { Reporter = ComplaintSubmission.Voter with { Email = address } };
        var reply = await Complaints.SubmitComplaintAsync(request, await System.IntakeOfficerHeadersAsync("52"));
        Assert.Equal("registered", reply.Status);
        var reviewer = await System.OfficeHeadersAsync("reviewer", "52.71");
        await Complaints.StartReviewAsync(new StartReviewRequest { ComplaintId = reply.ComplaintId, ExpectedVersion = 1 }, reviewer);
        await Complaints.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = reply.ComplaintId, ExpectedVersion = 2, Outcome = "violation", ViolationType = 2, Reasoning = "Terbukti.",
        }, reviewer);

        var mails = await Eventually.HoldsAsync(() => Task.FromResult(MailsTo(address)), m => m.Count >= 3, NotificationsFixture.Bound,
            "three status e-mails to the reporter");
        // A moment more for a duplicate still on its way.
        await Task.Delay(TimeSpan.FromSeconds(2));
        mails = MailsTo(address);
        Assert.Equal(3, mails.Count);

        foreach (var mail in mails)
        {
            Assert.Equal(address, ((MailboxAddress)mail.To.Single()).Address);
            Assert.Contains(reply.TrackingCode, mail.Subject);
            Assert.Contains($"Kode pelacakan: {reply.TrackingCode}", mail.TextBody);
            Assert.Contains(reply.TrackingCode, mail.HtmlBody);
            Assert.Contains(reply.RegistrationNumber, mail.TextBody);
            // The notice carries the address and nothing else of the identity; the PIN is never sent.
            var raw = mail.ToString();
            Assert.DoesNotContain(ComplaintSubmission.ReporterName, raw);
            Assert.DoesNotContain(ComplaintSubmission.ReporterNik, raw);
            Assert.DoesNotContain(ComplaintSubmission.ReporterPhone, raw);
            Assert.DoesNotContain(reply.Pin, mail.TextBody);
        }
        Assert.Equal(["sedang dikaji", "sudah diputus", "teregistrasi"], mails.Select(m => (m.Subject ?? "").Split(": ").Last()).Order());
        var decided = Assert.Single(mails, m => m.Subject?.EndsWith("sudah diputus", StringComparison.Ordinal) == true);
        Assert.Contains("Putusan: terbukti melanggar", decided.TextBody);
        Assert.Contains("Status: sudah diputus", decided.TextBody);

        // The delivery log shows the reporter's deliveries, masked.
        var admin = await System.AdminHeadersAsync();
        var rows = await Eventually.HoldsAsync(
            async () => (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, admin)).Notifications,
            list => list.Count(n => n.Reason == nameof(ReporterStatusNotice) && n.Status == "sent") == 3, NotificationsFixture.Bound,
            "three reporter deliveries marked sent");
        Assert.All(rows.Where(n => n.Reason == nameof(ReporterStatusNotice)), n => Assert.Equal(Masked(address), n.Recipient));
        var attempts = (await fixture.Client.ListDeliveryAttemptsAsync(new ListDeliveryAttemptsRequest { ComplaintId = reply.ComplaintId }, admin)).Attempts;
        Assert.Equal(3, attempts.Count(a => a.Recipient == Masked(address) && a.Outcome == "sent"));
        Assert.DoesNotContain(attempts, a => a.Recipient.Contains(address, StringComparison.OrdinalIgnoreCase) || a.Detail.Contains(address, StringComparison.OrdinalIgnoreCase));

        // No integration event an integrator can bind to carries the address (while the complaint's events did arrive).
        var bodies = (await integrationQueue.WaitForAsync(all => all.Count(x => x.Body.Contains(reply.ComplaintId, StringComparison.Ordinal)) >= 4,
            NotificationsFixture.Bound, "the complaint's integration events on the test queue")).Select(e => e.Body);
        Assert.All(bodies, body => Assert.DoesNotContain(address, body, StringComparison.OrdinalIgnoreCase));

        // The notices' outbox rows are deleted once RabbitMQ has them, not kept for the retention period.
        await Eventually.HoldsAsync(() => OutboxRowsMentioningAsync(address), n => n == 0, NotificationsFixture.Bound, "no outbox row holding the address");

        // No log line of any service names the address (the notice and its deliveries were logged, by id).
        // (Waited for: the console reaches us through Aspire's resource logger a moment after the service wrote it.)
        await Eventually.HoldsAsync(() => Task.FromResult(System.Project(TestSystem.Notifications).ConsoleSnapshot()),
            lines => lines.Any(l => l.Text.Contains("ReporterStatusNotice", StringComparison.Ordinal) && l.Text.Contains(reply.ComplaintId, StringComparison.Ordinal)),
            NotificationsFixture.Bound, "the notice's log line");
        foreach (var service in new[] { TestSystem.Complaints, TestSystem.Notifications, TestSystem.RegionDirectory })
        {
            Assert.DoesNotContain(System.Project(service).ConsoleSnapshot(), l => l.Text.Contains(address, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_reporter_who_did_not_agree_to_be_told_gets_nothing()
    {
        var address = NewAddress();
        var request = ComplaintSubmission.Laporan("52.71") with { Reporter = ComplaintSubmission.Voter with { Email = address, AgreedToNotifications = false } };
        var reply = await Complaints.SubmitComplaintAsync(request, await System.IntakeOfficerHeadersAsync("52"));
        await Complaints.StartReviewAsync(new StartReviewRequest { ComplaintId = reply.ComplaintId, ExpectedVersion = 1 },
            await System.OfficeHeadersAsync("reviewer", "52.71"));

        // The office was told of the same complaint, so its events went through; then a moment more.
        var admin = await System.AdminHeadersAsync();
        await Eventually.HoldsAsync(
            async () => (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, admin)).Notifications,
            list => list.Any(n => n.Recipient == HandlingOfficeEmail && n.Status == "sent"), NotificationsFixture.Bound, "the office's e-mail sent");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(fixture.Smtp.To(address));
        var rows = (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, admin)).Notifications;
        Assert.DoesNotContain(rows, n => n.Reason == nameof(ReporterStatusNotice));
    }

    [Fact]
    public async Task The_same_notice_redelivered_sends_one_email()
    {
        var address = NewAddress();
        var notice = Notice(address, "under_review", "review_started");
        await PublishPrivateAsync(notice, notice);
        await Eventually.HoldsAsync(() => Task.FromResult(MailsFor(address, notice.EventId)), n => n >= 1, NotificationsFixture.Bound, "the first e-mail");
        await PublishPrivateAsync(notice);

        // A later notice on the same queue: once it is sent, the copies before it were consumed too.
        var marker = Notice(address, "decided", "ComplaintDecided") with { Outcome = "not_violation", Language = "en" };
        await PublishPrivateAsync(marker);
        var markerMail = await Eventually.HoldsAsync(() => Task.FromResult(MailsTo(address).FirstOrDefault(m => m.Headers["X-Oversight-Event-Id"] == marker.EventId.ToString())),
            m => m is not null, NotificationsFixture.Bound, "the marker's e-mail");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(1, MailsFor(address, notice.EventId));
        // The marker asked for English.
        Assert.Equal($"[Oversight] Your report {notice.TrackingCode}: decided", markerMail!.Subject);
        Assert.Contains("Decision: no violation found", markerMail.TextBody);

        var admin = await System.AdminHeadersAsync();
        var rows = (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = notice.ComplaintId.ToString() }, admin)).Notifications;
        Assert.Single(rows, n => n.EventId == notice.EventId.ToString());
    }

    [Fact]
    public async Task The_notice_is_not_an_event_type_a_webhook_can_subscribe_to()
    {
        var integrator = await fixture.IntegratorHeadersAsync("");
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer($"/private/{Guid.NewGuid():N}", _ => 200), "", nameof(ReporterStatusNotice)));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("event_types: unknown event type \"ReporterStatusNotice\"", error.Status.Detail);
    }

    private static ReporterStatusNotice Notice(string address, string status, string step) => new()
    {
        ComplaintId = Guid.CreateVersion7(),
        RegionCode = "52.71",
        Email = address,
        TrackingCode = "K7M2-Q9XD4P",
        Status = status,
        Step = step,
        RegistrationNumber = "52.71/LP/2026/9301",
    };

    private IReadOnlyList<MimeMessage> MailsTo(string address) =>
        fixture.Smtp.To(address).Select(m => MimeMessage.Load(new MemoryStream(m.Data))).ToList();

    private int MailsFor(string address, Guid eventId) => MailsTo(address).Count(m => m.Headers["X-Oversight-Event-Id"] == eventId.ToString());

    private async Task<long> OutboxRowsMentioningAsync(string text)
    {
        await using var db = new NpgsqlConnection(System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE strpos(payload::text, $1) > 0", db)
        {
            Parameters = { new() { Value = text } },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Publishes notices to the private exchange as MassTransit's envelope, the way the complaints service's relay does.</summary>
    private async Task PublishPrivateAsync(params ReporterStatusNotice[] notices)
    {
        var factory = new ConnectionFactory { Uri = new Uri(System.Setting(TestSystem.Notifications, "ConnectionStrings__messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(ReporterStatusNotice.ExchangeName, ExchangeType.Fanout, durable: true);
        foreach (var notice in notices)
        {
            var envelope = new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { $"urn:message:{typeof(ReporterStatusNotice).Namespace}:{nameof(ReporterStatusNotice)}" },
                sentTime = DateTimeOffset.UtcNow,
                message = notice,
            };
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            await channel.BasicPublishAsync(ReporterStatusNotice.ExchangeName, routingKey: "", mandatory: false, properties, body);
        }
    }
}
