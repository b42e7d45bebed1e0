using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>
/// A change to the directory reaches an integrator's queue as RegionDirectoryChanged, through the outbox, with the fields
/// docs/events.md lists.
/// </summary>
public sealed class DirectoryChangeEventTests(TestServers servers)
{
    [Fact]
    public async Task An_import_that_changes_a_region_publishes_what_changed()
    {
        await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
        await using var events = await ListenAsync(system);

        var client = new RegionDirectoryClient(system.Channel(TestSystem.RegionDirectory));
        await client.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = "kode,nama\n64,Kalimantan Timur\n",
            RegenciesCsv = "kode,kode_provinsi,nama,jenis\n64.03,64,Kabupaten Berau,kabupaten\n64.11,64,Kabupaten Mahakam Ulu Baru,kabupaten\n",
        }, await system.AdminHeadersAsync());

        var evt = await NextEventAsync(events);

        Assert.Equal("region", evt.GetProperty("entity").GetString());
        Assert.Equal("changed", evt.GetProperty("change").GetString());
        Assert.Equal(["64.11"], evt.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["64.11"], evt.GetProperty("affectedRegionCodes").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("64.11", evt.GetProperty("regionCode").GetString());
        Assert.Equal("import: 0 added, 1 changed", evt.GetProperty("summary").GetString());

        // An import that changes nothing announces nothing.
        await client.ImportRegionsAsync(new ImportRegionsRequest { ProvincesCsv = "kode,nama\n64,Kalimantan Timur\n" }, await system.AdminHeadersAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(events.Received);
    }

    [Fact]
    public async Task Adding_and_removing_an_office_publishes_each_change_with_its_region()
    {
        await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
        await using var events = await ListenAsync(system);
        var client = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));

        var office = await client.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "52.71", Name = "KPU Kota Mataram", Email = "kpu-52-71@oversight.example" },
        });
        var added = await NextEventAsync(events);
        Assert.Equal(("office", "added", "52.71"), (added.GetProperty("entity").GetString(), added.GetProperty("change").GetString(), added.GetProperty("regionCode").GetString()));
        Assert.Equal([office.Id], added.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("office added: KPU Kota Mataram", added.GetProperty("summary").GetString());

        await client.DeleteOfficeAsync(new DeleteOfficeRequest { Id = office.Id });
        var removed = await NextEventAsync(events);
        Assert.Equal(("office", "removed"), (removed.GetProperty("entity").GetString(), removed.GetProperty("change").GetString()));
        Assert.Equal(["52.71"], removed.GetProperty("affectedRegionCodes").EnumerateArray().Select(k => k.GetString()));
    }

    // An integrator's own queue on the event's exchange.
    private static Task<EventListener> ListenAsync(TestSystem system) =>
        EventListener.ListenAsync<RegionDirectoryChanged>(system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__messaging"));

    private static async Task<JsonElement> NextEventAsync(EventListener events)
    {
        var evt = (await events.NextAsync(TimeSpan.FromSeconds(30), "RegionDirectoryChanged on the integrator queue")).Message;
        EventDocs.AssertDocumented("RegionDirectoryChanged", evt, complaintEvent: false);
        return evt;
    }
}
