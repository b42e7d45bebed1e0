using MimeKit;
using Oversight.Contracts.Notifications;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>A complaint taken in by the complaints service reaches the handling office by e-mail, through a real SMTP server.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class EmailNotificationTests(NotificationsFixture fixture)
{
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";
    private const string ComplaintDeskEmail = "posko-netralitas-52-71@oversight.example";

    [Fact]
    public async Task A_submitted_complaint_is_emailed_to_the_handling_office_and_the_desk_with_its_registration_number_and_link()
    {
        var system = fixture.System;
        var complaints = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var reply = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await system.IntakeOfficerHeadersAsync("52"));
        Assert.Equal("registered", reply.Status);

        var mail = await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Smtp.To(HandlingOfficeEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
                .FirstOrDefault(m => m.Subject?.Contains(reply.RegistrationNumber) == true)),
            m => m is not null, NotificationsFixture.Bound, "e-mail to the handling office");
        Assert.Contains("Pengaduan baru diterima", mail!.Subject);
        Assert.Contains(reply.RegistrationNumber, mail.TextBody);
        Assert.Contains(reply.RegistrationNumber, mail.HtmlBody);
        Assert.Contains($"https://oversight.example/v1/complaints/{reply.ComplaintId}", mail.TextBody);
        Assert.Contains($"href=\"https://oversight.example/v1/complaints/{reply.ComplaintId}\"", mail.HtmlBody);
        Assert.Equal(HandlingOfficeEmail, ((MailboxAddress)mail.To.Single()).Address);
        // The reporter's identity never leaves the complaints service.
        var raw = mail.ToString();
        Assert.DoesNotContain(ComplaintSubmission.ReporterName, raw);
        Assert.DoesNotContain(ComplaintSubmission.ReporterNik, raw);
        Assert.DoesNotContain(ComplaintSubmission.ReporterEmail, raw);

        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Smtp.To(ComplaintDeskEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
                .Any(m => m.Subject?.Contains(reply.RegistrationNumber) == true)),
            found => found, NotificationsFixture.Bound, "e-mail to the region's complaint desk");

        var admin = await system.AdminHeadersAsync();
        var notifications = await Eventually.HoldsAsync(
            async () => (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, admin)).Notifications,
            // The office and the desk; the consenting reporter's own status e-mail is ReporterStatusEmailTests' business.
            list => list.Count(n => n.Channel == "email" && n.Status == "sent" && n.Reason == "ComplaintSubmitted") == 2, NotificationsFixture.Bound, "both e-mails marked sent");
        Assert.Contains(notifications, n => n.Recipient == HandlingOfficeEmail && n.Reason == "ComplaintSubmitted");

        var attempts = (await fixture.Client.ListDeliveryAttemptsAsync(new ListDeliveryAttemptsRequest { ComplaintId = reply.ComplaintId }, admin)).Attempts;
        var attempt = Assert.Single(attempts, a => a.Recipient == HandlingOfficeEmail);
        Assert.Equal("sent", attempt.Outcome);
        Assert.Equal(1, attempt.Attempt);
        Assert.Matches("^[0-9a-f]{32}$", attempt.TraceId);
        Assert.StartsWith("smtp:", attempt.Detail);
    }

    [Fact]
    public async Task Notifications_need_a_token()
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = Guid.NewGuid().ToString() }));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);
    }
}
