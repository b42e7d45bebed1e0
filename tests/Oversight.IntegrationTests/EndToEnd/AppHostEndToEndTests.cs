using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using MimeKit;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.Contracts.Reporting;
using Oversight.LocalServers;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;
using static Oversight.Contracts.Notifications.Notifications;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// The real AppHost (its Program.cs, run by Aspire.Hosting.Testing) with its own PostgreSQL, Redis and RabbitMQ, not the
/// run's shared servers: one complaint goes from intake through the broker to notifications (an e-mail over SMTP to an
/// office registered for the test, and a signed webhook to a subscriber) and to reporting. The only changes to the map
/// are the notifications service's SMTP server (a listener on loopback), loopback webhooks and fast retries.
/// </summary>
public sealed class AppHostEndToEndTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private const string Region = "52.71";
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";

    [Fact]
    public async Task One_complaint_goes_from_intake_through_the_broker_to_an_email_a_signed_webhook_and_reporting()
    {
        var started = DateTimeOffset.UtcNow;
        await using var smtp = new SmtpTestListener();
        await using var webhooks = new WebhookTestReceiver();
        // The test's webhook receiver listens on loopback: the AppHost's development switch lets deliveries reach it.
        await using var host = await UnchangedAppHost.StartAsync(["--allow-private-webhooks"], builder =>
        {
            var notificationsProject = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "notifications");
            foreach (var (name, value) in TestSystem.QuickNotificationSettings(smtp.Port))
            {
                notificationsProject.Annotations.Add(new EnvironmentCallbackAnnotation(env => env[name] = value));
            }
        }, StartBound);
        var app = host.App;
        var adminSecret = await host.ParameterAsync("region-directory-admin-secret");
        Assert.False(string.IsNullOrEmpty(adminSecret), "the AppHost generated no bootstrap admin secret");
        Log($"AppHost healthy after {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s (state in {host.StateDirectory})");
        using var directoryHttp = new HttpClient { BaseAddress = app.GetEndpoint("region-directory", "http") };
        using var directoryChannel = GrpcChannel.ForAddress(app.GetEndpoint("region-directory", "grpc"));
        using var complaintsChannel = GrpcChannel.ForAddress(app.GetEndpoint("complaints", "grpc"));
        using var notificationsChannel = GrpcChannel.ForAddress(app.GetEndpoint("notifications", "grpc"));
        using var reportingChannel = GrpcChannel.ForAddress(app.GetEndpoint("reporting", "grpc"));

        var admin = TestSystem.Bearer(await TestSystem.TokenAsync(directoryHttp, TestSystem.AdminClientId, adminSecret!));
        var credentials = new OfficeCredentials.OfficeCredentialsClient(directoryChannel);
        async Task<Metadata> OfficeClientAsync(string role, string regionCode)
        {
            var client = await credentials.RegisterClientAsync(new RegisterClientRequest
            {
                DisplayName = $"end-to-end {role} {regionCode}",
                RegionCode = regionCode,
                Roles = { role },
            }, admin);
            return TestSystem.Bearer(await TestSystem.TokenAsync(directoryHttp, client.Client.ClientId, client.ClientSecret));
        }

        // An office registered for this test: a complaint desk of Kota Mataram with its own e-mail address.
        var deskEmail = $"posko-e2e-{Guid.NewGuid().ToString("N")[..8]}@oversight.example";
        var desk = await new RegionDirectoryClient(directoryChannel).UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office
            {
                Kind = "complaint_desk",
                RegionCode = Region,
                Name = "Posko Pengaduan Netralitas ASN (uji ujung ke ujung)",
                Email = deskEmail,
                Address = "Jl. Pejanggik No. 2, Mataram",
                OpeningHours = "Senin-Jumat 08.00-16.00 WITA",
                OpenFrom = "2024-09-01",
            },
        }, admin);
        Assert.True(Guid.TryParse(desk.Id, out _));

        // An integrator of Nusa Tenggara Barat subscribes a receiver to new complaints of Kota Mataram.
        var integrator = await OfficeClientAsync("integrator", "52");
        var notifications = new NotificationsClient(notificationsChannel);
        var hookPath = $"/e2e/{Guid.NewGuid():N}";
        var subscription = await notifications.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = webhooks.Answer(hookPath, _ => 204),
            RegionCode = Region,
            EventTypes = { "ComplaintSubmitted" },
        }, integrator);
        Assert.StartsWith("whsec_", subscription.Secret);

        var reporting = new ReportingClient(reportingChannel);
        var countedBefore = (await reporting.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = Region }, admin)).Submitted;
        var totalBefore = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = Region }, admin)).Totals.Total;

        // Intake: an intake desk of the province submits a complete laporan.
        var intake = await OfficeClientAsync("intake_officer", "52");
        var complaints = new ComplaintsClient(complaintsChannel);
        var reply = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan(Region), intake);
        Assert.Equal("registered", reply.Status);
        Assert.StartsWith($"{Region}/LP/", reply.RegistrationNumber);
        Assert.Equal("Bawaslu Kota Mataram", reply.HandlingOffice.Name);
        Log($"submitted {reply.ComplaintId} ({reply.RegistrationNumber})");

        // Notifications, by e-mail over SMTP: the registered desk and the handling office, each naming the complaint.
        foreach (var address in new[] { deskEmail, HandlingOfficeEmail })
        {
            var mail = await Eventually.HoldsAsync(
                () => Task.FromResult(smtp.To(address).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
                    .FirstOrDefault(m => m.Subject?.Contains(reply.RegistrationNumber) == true)),
                m => m is not null, Bound, $"e-mail to {address} about {reply.RegistrationNumber}");
            Assert.Equal(address, ((MailboxAddress)mail!.To.Single()).Address);
            Assert.Contains(reply.RegistrationNumber, mail.TextBody);
            Assert.Contains($"https://oversight.example/v1/complaints/{reply.ComplaintId}", mail.TextBody);
            // The reporter's identity never leaves the complaints service.
            Assert.DoesNotContain(ComplaintSubmission.ReporterNik, mail.ToString());
        }
        Log($"e-mails received after {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");

        // Notifications, by webhook: one call carrying the complaint, signed with the subscription's secret.
        var call = (await Eventually.HoldsAsync(() => Task.FromResult(webhooks.CallsTo(hookPath)), c => c.Count > 0, Bound, "webhook call"))[0];
        Assert.Equal("ComplaintSubmitted", call.Headers["X-Oversight-Event-Type"]);
        using (var body = JsonDocument.Parse(call.Body))
        {
            Assert.Equal("ComplaintSubmitted", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(call.Headers["X-Oversight-Event-Id"], body.RootElement.GetProperty("id").GetString());
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(reply.ComplaintId, data.GetProperty("complaintId").GetString());
            Assert.Equal(reply.RegistrationNumber, data.GetProperty("registrationNumber").GetString());
        }
        // The recipe of docs/notifications.md: v1 = hex(HMAC-SHA256(secret, "{t}.{body}")).
        var signature = call.Headers["X-Oversight-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(subscription.Secret), Encoding.UTF8.GetBytes($"{signature["t"]}.{call.Body}")));
        Assert.Equal(expected, signature["v1"]);
        Assert.InRange(long.Parse(signature["t"]), started.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);

        // Both deliveries are recorded as sent for the complaint.
        var recorded = await Eventually.HoldsAsync(
            async () => (await notifications.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, admin)).Notifications,
            list => list.Any(n => n.Channel == "email" && n.Recipient == deskEmail && n.Status == "sent")
                && list.Any(n => n.Channel == "webhook" && n.Status == "sent"),
            Bound, "the e-mail and the webhook recorded as sent");
        Assert.All(recorded.Where(n => n.Recipient == deskEmail), n => Assert.Equal("ComplaintSubmitted", n.Reason));

        // Reporting counts it.
        await Eventually.HoldsAsync(
            async () => (await reporting.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = Region }, admin)).Submitted,
            count => count == countedBefore + 1, Bound, $"reporting's count for {Region}");
        var summary = await Eventually.HoldsAsync(
            async () => await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = Region }, admin),
            s => s.Totals.Total == totalBefore + 1, Bound, $"reporting's summary of {Region}");
        Assert.Equal(Region, summary.Totals.RegionCode);
        Log($"counted by reporting after {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");

        await notifications.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        Log($"done after {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
