using MimeKit;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>
/// Offices keep being told through a region-directory outage (issue #8): notifications names the recipients of an
/// event from the directory's last answers while it is down, instead of holding every event until it is back.
/// Its own system (the test stops the directory), with its own SMTP listener.
/// </summary>
public sealed class DirectoryOutageTests(TestServers servers)
{
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";
    private const string OlderAnswersWarning = "naming recipients from kept answers";

    // Bounded: a system's start and a restart of the directory on two busy cores.
    [Fact(Timeout = 300_000)]
    public async Task While_the_directory_is_down_a_complaint_of_a_region_seen_before_is_still_emailed_to_its_office()
    {
        await using var smtp = new SmtpTestListener();
        // FreshFor=0 and RecheckAfter=0 in notifications: it asks the directory for every event, so a kept answer is used
        // only because the directory is down, and the first event after the restart asks again (with the default 5 s
        // recheck pause it could still be served from the kept answers). Complaints keeps its fresh routing (60 s), so
        // intake goes on during the outage.
        await using var system = await TestSystem.StartWithNotificationSettingsAsync(servers, new Dictionary<string, string>
        {
            ["Notifications__Email__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Email__Smtp__Port"] = smtp.Port.ToString(),
            ["Notifications__Email__Smtp__Security"] = "None",
            ["Notifications__Directory__FreshFor"] = "00:00:00",
            ["Notifications__Directory__RecheckAfter"] = "00:00:00",
        }, TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications);
        var complaints = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var desk = await system.IntakeOfficerHeadersAsync("52.71");
        var cancel = TestContext.Current.CancellationToken;

        var before = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 2 }, desk, cancellationToken: cancel);
        await MailFor(smtp, before.RegistrationNumber);

        var directory = system.Project(TestSystem.RegionDirectory);
        await directory.StopProcessAsync();
        try
        {
            var during = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 3 }, desk, cancellationToken: cancel);
            // Sent while the directory is still down: without kept answers the event would wait for it to come back.
            var mail = await MailFor(smtp, during.RegistrationNumber);
            Assert.Equal(HandlingOfficeEmail, ((MailboxAddress)mail.To.Single()).Address);
            var warnings = await system.Project(TestSystem.Notifications).WaitForLineAsync(OlderAnswersWarning);
            Assert.Single(warnings, l => l.Contains(OlderAnswersWarning, StringComparison.Ordinal));
        }
        finally
        {
            await directory.StartProcessAsync(TimeSpan.FromMinutes(2));
        }

        // Back: the next event asks the directory again, and the outage's end is logged.
        var after = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 4 }, desk, cancellationToken: cancel);
        await MailFor(smtp, after.RegistrationNumber);
        await system.Project(TestSystem.Notifications).WaitForLineAsync("Region directory answers again", TimeSpan.FromSeconds(60));
    }

    private static async Task<MimeMessage> MailFor(SmtpTestListener smtp, string registrationNumber) =>
        (await Eventually.HoldsAsync(
            () => Task.FromResult(smtp.To(HandlingOfficeEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
                .FirstOrDefault(m => m.Subject?.Contains(registrationNumber) == true)),
            m => m is not null, TimeSpan.FromSeconds(60), $"the e-mail for {registrationNumber} to the handling office"))!;
}
