using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.FaultTests.Sites;

/// <summary>
/// Who owns a site's complaint: the site. A step taken at the centre on it is handed to the site and applied there,
/// once, and its event comes back over the link; with the site out of reach the centre answers <c>Unavailable</c>,
/// saying why, and the complaint stays as it was: never forked (docs/architecture.md, "Regional sites").
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SiteComplaintStepsTests(SiteSystemFixture fixture)
{
    private const string Site = "site-52-complaints";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_step_taken_at_the_centre_on_a_sites_complaint_is_applied_at_the_site_or_refused_as_unavailable()
    {
        var host = fixture.Host;
        var app = host.App;
        using var centreChannel = GrpcChannel.ForAddress(app.GetEndpoint("complaints", "grpc"));
        using var siteChannel = GrpcChannel.ForAddress(app.GetEndpoint(Site, "grpc"));
        var atCentre = new ComplaintsClient(centreChannel);
        var atSite = new ComplaintsClient(siteChannel);
        await using var events = await EventListener.ListenAsync<ComplaintStatusChanged>((await app.GetConnectionStringAsync("messaging"))!);

        var desk = await host.OfficeHeadersAsync("intake_officer", "52");
        var reviewer = await host.OfficeHeadersAsync("reviewer", "52");
        var taken = await atSite.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk);

        // Read and step at the centre: the site answers, and the step is the site's.
        var read = await atCentre.GetComplaintAsync(new GetComplaintRequest { ComplaintId = taken.ComplaintId }, reviewer);
        Assert.Equal(taken.RegistrationNumber, read.RegistrationNumber);
        var reviewing = await atCentre.StartReviewAsync(new StartReviewRequest { ComplaintId = taken.ComplaintId, ExpectedVersion = read.Version }, reviewer);
        Assert.Equal(read.Version + 1, reviewing.Version);
        var atTheSite = await atSite.GetComplaintAsync(new GetComplaintRequest { ComplaintId = taken.ComplaintId }, reviewer);
        Assert.Equal((reviewing.Version, reviewing.Status), (atTheSite.Version, atTheSite.Status));
        // Its event reached the centre over the link, once.
        await events.WaitForAsync(e => e.ComplaintId == taken.ComplaintId, 1, Bound, "the step's event at the centre");

        // A complaint nobody holds is still NotFound.
        var nowhere = await Assert.ThrowsAsync<RpcException>(async () =>
            await atCentre.GetComplaintAsync(new GetComplaintRequest { ComplaintId = Guid.NewGuid().ToString() }, reviewer));
        Assert.Equal(StatusCode.NotFound, nowhere.StatusCode);

        // The site out of reach: the centre cannot apply the step and says why; nothing changes anywhere.
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        await using var site = new ResourceHandle(app, model.Resources.Single(r => r.Name == Site));
        await Eventually.HoldsAsync(() => Task.FromResult(site.InstanceIds.Count), n => n == 1, TimeSpan.FromSeconds(10), "the site's state");
        await site.StopProcessAsync();
        var cut = await Assert.ThrowsAsync<RpcException>(async () => await atCentre.ExtendReviewAsync(new ExtendReviewRequest
        {
            ComplaintId = taken.ComplaintId, ExpectedVersion = reviewing.Version, Reason = "Saksi tambahan belum dapat dihubungi.",
        }, reviewer));
        Assert.Equal(StatusCode.Unavailable, cut.StatusCode);
        Assert.Equal("complaint_id: not held at the national centre, and the regional site that may own it (site-52-complaints) cannot be reached: "
            + "its link is down; a site's complaint changes only at its site, so take the step there or try again when the link is back", cut.Status.Detail);

        await site.StartProcessAsync(TimeSpan.FromMinutes(2));
        var after = await atSite.GetComplaintAsync(new GetComplaintRequest { ComplaintId = taken.ComplaintId }, reviewer);
        Assert.Equal(reviewing.Version, after.Version);
        Assert.Single(events.Received, e => e.ComplaintId == taken.ComplaintId);
    }
}
