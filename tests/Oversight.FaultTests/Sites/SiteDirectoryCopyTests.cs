using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using System.Net;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.FaultTests.Sites;

/// <summary>
/// The regional site's copy of the region directory (<c>--site 52</c>): a write at the centre reaches it with the
/// centre's next snapshot (over RabbitMQ's shovel from the centre to the site), the copy accepts the centre's tokens,
/// announces the change at its site only, refuses writes of its own, saying where to make them, and signs in its
/// province's desks with a key of its own, so a desk gets tokens with the link cut.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SiteDirectoryCopyTests(SiteSystemFixture fixture)
{
    private const string Copy = "site-52-region-directory";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_write_at_the_centre_reaches_the_sites_copy_which_refuses_writes_and_signs_in_the_provinces_desks()
    {
        var host = fixture.Host;
        var app = host.App;

        using var centreChannel = GrpcChannel.ForAddress(app.GetEndpoint("region-directory", "grpc"));
        using var copyChannel = GrpcChannel.ForAddress(app.GetEndpoint(Copy, "grpc"));
        var centre = new RegionDirectoryClient(centreChannel);
        var copy = new RegionDirectoryClient(copyChannel);
        var admin = await host.AdminHeadersAsync();
        // A token of the centre's, for an office of the province: the copy must accept it.
        var reviewer = await host.OfficeHeadersAsync("reviewer", "52");
        await using var atCentre = await EventListener.ListenAsync<RegionDirectoryChanged>((await app.GetConnectionStringAsync("messaging"))!);
        await using var atSite = await EventListener.ListenAsync<RegionDirectoryChanged>((await app.GetConnectionStringAsync("site-52-messaging"))!);

        // An office added at the centre is at the site's copy within seconds.
        var clock = Stopwatch.StartNew();
        var office = await centre.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "52.71", Name = "KPU Kota Mataram", Email = "kpu-52-71@oversight.example" },
        }, admin);
        var copied = await Eventually.HoldsAsync(() => FindAsync(copy, office.Id, reviewer), found => found is not null, Bound, "the office at the site's copy");
        var officeCopiedAfter = clock.Elapsed;
        Assert.Equal((office.Name, office.Kind, office.RegionCode, office.Email), (copied!.Name, copied.Kind, copied.RegionCode, copied.Email));

        // The copy announced the change at its site, for the site's caches; the centre heard of it once, from itself.
        var siteEvent = await atSite.WaitForAsync(e => Keys(e).Contains(office.Id), 1, Bound, "RegionDirectoryChanged at the site");
        Assert.Equal("office added: KPU Kota Mataram", siteEvent.Single().Message.GetProperty("summary").GetString());
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(atCentre.Received, e => Keys(e).Contains(office.Id));

        // The copy takes no write: it says where to make it, and nothing is written.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await copy.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "52.01", Name = "KPU Kabupaten Lombok Barat" },
        }, admin));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.StartsWith("this is the region directory's read-only copy at regional site 52: make the change at the national centre's region directory (http://", refused.Status.Detail);
        var offices = await copy.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.01" }, reviewer);
        Assert.DoesNotContain(offices.Offices, o => o.Name == "KPU Kabupaten Lombok Barat");

        // A deletion at the centre reaches the copy too.
        await centre.DeleteOfficeAsync(new DeleteOfficeRequest { Id = office.Id }, admin);
        await Eventually.HoldsAsync(() => FindAsync(copy, office.Id, reviewer), found => found is null, Bound, "the office gone from the site's copy");

        // A desk of the province registered at the centre signs in at the site's copy, and its token works at the site.
        var credentials = new OfficeCredentials.OfficeCredentialsClient(centreChannel);
        var desk = await credentials.RegisterClientAsync(new RegisterClientRequest { DisplayName = "Meja pengaduan Mataram", RegionCode = "52.71", Roles = { "intake_officer" } }, admin);
        var national = await credentials.RegisterClientAsync(new RegisterClientRequest { DisplayName = "Pusat", RegionCode = "", Roles = { "reviewer" } }, admin);
        using var copyHttp = new HttpClient { BaseAddress = app.GetEndpoint(Copy, "http") };
        clock.Restart();
        var siteToken = await Eventually.HoldsAsync(async () =>
        {
            using var answer = await TestSystem.RequestTokenAsync(copyHttp, desk.Client.ClientId, desk.ClientSecret);
            return answer.IsSuccessStatusCode ? await TestSystem.TokenAsync(copyHttp, desk.Client.ClientId, desk.ClientSecret) : null;
        }, token => token is not null, Bound, "a token from the site's copy for the province's desk");
        var clientCopiedAfter = clock.Elapsed;
        using var siteComplaints = GrpcChannel.ForAddress(app.GetEndpoint("site-52-complaints", "grpc"));
        var taken = await new ComplaintsClient(siteComplaints).SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), TestSystem.Bearer(siteToken!));
        Assert.Equal("registered", taken.Status);
        // The site's own key signs it: the centre does not accept it, and the copy keeps no other province's or national client.
        using var centreComplaints = GrpcChannel.ForAddress(app.GetEndpoint("complaints", "grpc"));
        var elsewhere = await Assert.ThrowsAsync<RpcException>(async () => await new ComplaintsClient(centreComplaints).GetComplaintAsync(
            new GetComplaintRequest { ComplaintId = taken.ComplaintId }, TestSystem.Bearer(siteToken!)));
        Assert.Equal(StatusCode.Unauthenticated, elsewhere.StatusCode);
        using (var nationalAtSite = await TestSystem.RequestTokenAsync(copyHttp, national.Client.ClientId, national.ClientSecret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, nationalAtSite.StatusCode);
        }

        // Revoked at the centre, the desk gets no more tokens at the site.
        clock.Restart();
        await credentials.RevokeClientAsync(new RevokeClientRequest { ClientId = desk.Client.ClientId }, admin);
        await Eventually.HoldsAsync(async () =>
        {
            using var answer = await TestSystem.RequestTokenAsync(copyHttp, desk.Client.ClientId, desk.ClientSecret);
            return answer.StatusCode;
        }, status => status == HttpStatusCode.Unauthorized, Bound, "the revoked desk refused at the site's copy");
        var report = $"[site-copy] a write at the centre at the site's copy after {officeCopiedAfter.TotalSeconds:0.0}s, a new desk signing in"
            + $" there after {clientCopiedAfter.TotalSeconds:0.0}s, a revocation refused there after {clock.Elapsed.TotalSeconds:0.0}s";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        File.AppendAllLines(FaultSuiteFixture.ReportPath, [report]);
    }

    private static async Task<Office?> FindAsync(RegionDirectoryClient directory, string id, Metadata headers)
    {
        try
        {
            return await directory.GetOfficeAsync(new GetOfficeRequest { Id = id }, headers);
        }
        catch (RpcException notThere) when (notThere.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static IEnumerable<string?> Keys(ReceivedEvent e) => e.Message.GetProperty("keys").EnumerateArray().Select(k => k.GetString());
}
