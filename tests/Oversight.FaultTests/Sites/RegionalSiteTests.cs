using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.Reporting;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Notifications.Notifications;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.FaultTests.Sites;

/// <summary>
/// The AppHost with a regional site for Nusa Tenggara Barat (<c>--site 52</c>): a complaint taken at the site is
/// numbered and stored there, and its events cross to the national broker through the site's shovel, where an
/// integrator's queue, the webhook subscriptions and reporting see them as if they were the centre's own. In the fault
/// suite's project, beside the link's cut (eng/faults.sh site-link): a whole AppHost and a site's servers are 12
/// processes, which beside the parallel integration tests slowed their run by minutes.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class RegionalSiteTests(SiteSystemFixture fixture)
{
    private const string Site = "site-52-complaints";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_complaint_taken_at_the_site_is_stored_there_and_its_events_reach_the_centre_in_order()
    {
        await using var webhooks = new WebhookTestReceiver();
        var host = fixture.Host;
        var app = host.App;

        using var centreChannel = GrpcChannel.ForAddress(app.GetEndpoint("complaints", "grpc"));
        using var siteChannel = GrpcChannel.ForAddress(app.GetEndpoint(Site, "grpc"));
        var admin = await host.AdminHeadersAsync();
        using var notificationsChannel = GrpcChannel.ForAddress(app.GetEndpoint("notifications", "grpc"));
        using var reportingChannel = GrpcChannel.ForAddress(app.GetEndpoint("reporting", "grpc"));

        // At the centre: an integrator's queue on the complaint events, a webhook subscription, reporting's count.
        await using var events = await EventListener.ListenAsync(
            (await app.GetConnectionStringAsync("messaging"))!, [typeof(ComplaintSubmitted), typeof(ComplaintRegistered)]);
        await new NotificationsClient(notificationsChannel).CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = webhooks.Answer("/site/submitted", _ => 200),
            RegionCode = "52",
            EventTypes = { "ComplaintSubmitted" },
        }, await host.OfficeHeadersAsync("integrator", "52"));
        var reporting = new ReportingClient(reportingChannel);
        var before = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52" }, admin)).Totals.Total;

        // A desk of the province submits at its site.
        var desk = await host.OfficeHeadersAsync("intake_officer", "52");
        var reply = await new ComplaintsClient(siteChannel).SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk);
        Assert.Equal("registered", reply.Status);
        Assert.StartsWith("52.71/LP/", reply.RegistrationNumber);

        // Its events at the centre's broker, submitted before registered, each once.
        var arrived = await events.WaitForAsync(e => e.ComplaintId == reply.ComplaintId, 2, Bound, "the site's two events at the centre");
        Assert.Equal(["ComplaintSubmitted", "ComplaintRegistered"], arrived.Select(e => e.Type));
        // The centre's webhook subscription and reporting count it as their own.
        await Eventually.HoldsAsync(() => Task.FromResult(webhooks.CallsTo("/site/submitted").Count), n => n == 1, Bound, "the webhook call for the site's complaint");
        await Eventually.HoldsAsync(async () => (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52" }, admin)).Totals.Total,
            total => total == before + 1, Bound, "reporting counting the site's complaint");

        // The site keeps the complaint and answers for it, also when asked at the centre, which hands the call to the
        // site (SiteComplaintStepsTests: steps too, and the site out of reach).
        var reviewer = await host.OfficeHeadersAsync("reviewer", "52");
        Assert.Equal(reply.RegistrationNumber, (await new ComplaintsClient(siteChannel).GetComplaintAsync(new GetComplaintRequest { ComplaintId = reply.ComplaintId }, reviewer)).RegistrationNumber);
        Assert.Equal(reply.RegistrationNumber, (await new ComplaintsClient(centreChannel).GetComplaintAsync(new GetComplaintRequest { ComplaintId = reply.ComplaintId }, reviewer)).RegistrationNumber);
        Assert.Single(events.Received, e => e.ComplaintId == reply.ComplaintId && e.Type == "ComplaintSubmitted");

        // One service numbers a province: the centre sends the province's desks to their site, the site others to the centre.
        var toSite = await Assert.ThrowsAsync<RpcException>(async () =>
            await new ComplaintsClient(centreChannel).SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk));
        Assert.Equal((StatusCode.FailedPrecondition, "region_code: complaints of province 52 are taken at its regional site (site-52-complaints), not at the national centre"),
            (toSite.StatusCode, toSite.Status.Detail));
        var national = await host.OfficeHeadersAsync("intake_officer", "");
        var toCentre = await Assert.ThrowsAsync<RpcException>(async () =>
            await new ComplaintsClient(siteChannel).SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), national));
        Assert.Equal(StatusCode.FailedPrecondition, toCentre.StatusCode);
        Assert.Contains("this is the regional site of province 52", toCentre.Status.Detail);
    }
}
