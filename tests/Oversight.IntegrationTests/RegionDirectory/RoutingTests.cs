using System.Net;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>RouteComplaint over the seed: the PPK on a date, Bawaslu up the tree with the fallback stated, and the cache.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class RoutingTests(RegionDirectoryFixture fixture)
{
    private RegionDirectoryClient Client => new(fixture.System.Authorized(TestSystem.RegionDirectory, fixture.AdminToken));

    private Task<ComplaintRouting> RouteAsync(string region, string date, string employing = "") =>
        Client.RouteComplaintAsync(new RouteComplaintRequest { RegionCode = region, Date = date, EmployingRegionCode = employing }).ResponseAsync;

    [Fact]
    public async Task Kota_mataram_during_the_campaign_leave_routes_to_the_pjs_as_ppk()
    {
        var routing = await RouteAsync("52.71", "2024-11-01");

        Assert.Equal(("Tri Budiprayitno", "acting_head_pjs", "52.71"), (routing.Ppk.Name, routing.Ppk.Role, routing.Ppk.RegionCode));
        Assert.Equal("Bawaslu Kota Mataram", routing.Bawaslu.Name);
        Assert.Equal("BKPSDM Kota Mataram", routing.CivilServiceAgency.Name);
        Assert.Equal(("bkn", ""), (routing.Bkn.Kind, routing.Bkn.RegionCode));
        Assert.Empty(routing.Fallbacks);
        Assert.Equal(("52.71", "52.71", "2024-11-01"), (routing.RegionCode, routing.EmployingRegionCode, routing.Date));
        Assert.Contains(routing.Contacts, c => (c.Role, c.Channel, c.Address) == ("bawaslu", "webhook", "https://hooks.oversight.example/bawaslu/52.71"));
        Assert.Contains(routing.Contacts, c => (c.Role, c.Channel, c.OfficeName) == ("ppk", "email", "Pemerintah Kota Mataram"));
        Assert.Contains(routing.Contacts, c => (c.Role, c.Channel, c.Address) == ("bkn", "email", "netralitas@bkn.oversight.example"));
    }

    [Fact]
    public async Task Kota_mataram_after_the_leave_routes_to_the_mayor_as_ppk()
    {
        var routing = await RouteAsync("52.71", "2024-12-01");

        Assert.Equal(("Mohan Roliskana", "regional_head"), (routing.Ppk.Name, routing.Ppk.Role));
    }

    [Fact]
    public async Task Mahakam_ulu_falls_back_to_bawaslu_kalimantan_timur_and_says_so()
    {
        var routing = await RouteAsync("64.11", "2024-11-01");

        Assert.Equal(("Bawaslu Provinsi Kalimantan Timur", "64"), (routing.Bawaslu.Name, routing.Bawaslu.RegionCode));
        Assert.Equal("BKD Provinsi Kalimantan Timur", routing.CivilServiceAgency.Name);
        Assert.Null(routing.Ppk); // nobody seeded heads Mahakam Ulu or Kalimantan Timur
        Assert.Equal(
            [
                ("bawaslu", "64.11", "64", "no_office_in_region"),
                ("ppk", "64.11", "", "not_found"),
                ("civil_service_agency", "64.11", "64", "no_office_in_region"),
            ],
            routing.Fallbacks.Select(f => (f.Role, f.RequestedRegionCode, f.UsedRegionCode, f.Reason)));
    }

    [Fact]
    public async Task Berau_has_its_own_bawaslu_and_the_employing_region_picks_the_ppk()
    {
        var routing = await RouteAsync("64.03", "2024-11-01", employing: "52.71");

        Assert.Equal("Bawaslu Kabupaten Berau", routing.Bawaslu.Name);
        Assert.Equal("Tri Budiprayitno", routing.Ppk.Name);
        Assert.Equal("BKPSDM Kota Mataram", routing.CivilServiceAgency.Name);
        Assert.Empty(routing.Fallbacks);
    }

    [Fact]
    public async Task Kota_kendari_routes_to_its_pj_mayor()
    {
        var routing = await RouteAsync("74.71", "2024-11-01");

        Assert.Equal(("Muhammad Yusup", "acting_head_pj"), (routing.Ppk.Name, routing.Ppk.Role));
        Assert.Equal("Bawaslu Kota Kendari", routing.Bawaslu.Name);
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_an_unknown_region_is_not_found()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => RouteAsync("5271", "01-11-2024", employing: "x"));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(
            "region_code: malformed (must be a Kemendagri code like 52 or 52.71); employing_region_code: malformed (must be a Kemendagri code like 52 or 52.71); date: must be a date like 2024-11-01",
            bad.Status.Detail);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => RouteAsync("52.71", "2024-11-01", employing: "52.99"));
        Assert.Equal((StatusCode.NotFound, "employing_region_code: no region with code 52.99"), (unknown.StatusCode, unknown.Status.Detail));
    }

    [Fact]
    public async Task Routing_and_offices_are_served_as_rest_too()
    {
        using var http = fixture.System.Http(TestSystem.RegionDirectory);
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.AdminToken);

        using var routing = await http.GetAsync("/v1/routing/64.11?date=2024-11-01");
        var body = await routing.Content.ReadAsStringAsync();
        Assert.True(routing.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Bawaslu Provinsi Kalimantan Timur", json.GetProperty("bawaslu").GetProperty("name").GetString());
        Assert.Equal("64", json.GetProperty("fallbacks")[0].GetProperty("usedRegionCode").GetString());

        using var offices = await http.GetAsync("/v1/regions/52.71/offices");
        var list = JsonDocument.Parse(await offices.Content.ReadAsStringAsync()).RootElement.GetProperty("offices");
        Assert.Equal(5, list.GetArrayLength());

        using var malformed = await http.GetAsync("/v1/routing/5x.7");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_cached_routing_answer_is_invalidated_by_a_write_in_the_province()
    {
        await using var system = await TestSystem.StartAsync(fixture.Servers, TestSystem.RegionDirectory);
        var client = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));
        var request = new RouteComplaintRequest { RegionCode = "64.11", Date = "2024-11-01" };

        Assert.Equal("bawaslu-64@oversight.example", (await client.RouteComplaintAsync(request)).Bawaslu.Email);

        // Changed behind the service's back: the cached answer still comes back, proving reads go through Redis.
        await OfficeTests.ExecuteAsync(system, "UPDATE offices SET email = 'db-only@oversight.example' WHERE region_code = '64' AND kind = 'bawaslu'");
        Assert.Equal("bawaslu-64@oversight.example", (await client.RouteComplaintAsync(request)).Bawaslu.Email);

        // A write to the province's offices through the service makes the regency's routing stale.
        var kaltim = (await client.ListOfficesAsync(new ListOfficesRequest { RegionCode = "64" })).Offices.Single(o => o.Kind == "bawaslu");
        kaltim.Email = "bawaslu-kaltim-baru@oversight.example";
        await client.UpsertOfficeAsync(new UpsertOfficeRequest { Office = kaltim });
        Assert.Equal("bawaslu-kaltim-baru@oversight.example", (await client.RouteComplaintAsync(request)).Bawaslu.Email);

        // So does a change of officials: a PPK designated for Mahakam Ulu appears at once.
        await client.UpsertOfficialAsync(new UpsertOfficialRequest
        {
            Official = new Official { RegionCode = "64.11", Role = "ppk", Name = "Designated PPK", TermStart = "2024-10-01" },
        });
        var routing = await client.RouteComplaintAsync(request);
        Assert.Equal("Designated PPK", routing.Ppk.Name);
        Assert.DoesNotContain(routing.Fallbacks, f => f.Role == "ppk");
    }
}
