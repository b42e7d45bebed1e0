using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>Offices and officials: the seed, validation, writes through the cache, and the seed never undoing an admin's edit.</summary>
public sealed class OfficeTests(RegionDirectoryFixture fixture) : IClassFixture<RegionDirectoryFixture>
{
    // Stable ids from Infrastructure/Seed/offices-seed.json.
    private const string KpuMataramId = "5eed0001-0000-4000-8000-000000527102";
    private const string PemkotMataramId = "5eed0001-0000-4000-8000-000000527104";
    private const string BawasluBerauId = "5eed0001-0000-4000-8000-000000640301";

    private RegionDirectoryClient Client => new(fixture.System.Authorized(TestSystem.RegionDirectory, fixture.AdminToken));

    [Fact]
    public async Task The_seed_loads_the_offices_and_officials_of_kota_mataram()
    {
        var offices = (await Client.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.71" })).Offices;

        Assert.Equal(
            [("bawaslu", "Bawaslu Kota Mataram"), ("bkd", "BKPSDM Kota Mataram"), ("complaint_desk", "Posko Pengaduan Netralitas ASN BKPSDM Kota Mataram"),
             ("kpu", "KPU Kota Mataram"), ("pemda", "Pemerintah Kota Mataram")],
            offices.Select(o => (o.Kind, o.Name)));
        var desk = offices.Single(o => o.Kind == "complaint_desk");
        Assert.Equal(("2024-10-01", "", "Kantor BKPSDM Kota Mataram"), (desk.OpenFrom, desk.OpenUntil, desk.Address));
        Assert.All(offices, o => Assert.EndsWith("@oversight.example", o.Email));

        var officials = (await Client.ListOfficialsAsync(new ListOfficialsRequest { RegionCode = "52.71" })).Officials;
        Assert.Equal(
            [("acting_head_pjs", "Tri Budiprayitno"), ("bkd_head", "Taufik Priyono"), ("regional_head", "Mohan Roliskana"), ("sekda", "Lalu Alwan Basri")],
            officials.Select(o => (o.Role, o.Name)));
        var pjs = officials[0];
        Assert.Equal(("2024-09-23", "2024-11-23"), (pjs.TermStart, pjs.TermEnd));

        var national = (await Client.ListOfficesAsync(new ListOfficesRequest())).Offices;
        Assert.Equal([("bkn", "")], national.Select(o => (o.Kind, o.RegionCode)));
    }

    [Fact]
    public async Task Officials_on_a_date_are_those_whose_term_covers_it()
    {
        async Task<IEnumerable<string>> NamesOn(string date) =>
            (await Client.ListOfficialsAsync(new ListOfficialsRequest { RegionCode = "52.71", OnDate = date })).Officials.Select(o => o.Name);

        Assert.Contains("Tri Budiprayitno", await NamesOn("2024-11-23"));
        Assert.DoesNotContain("Tri Budiprayitno", await NamesOn("2024-11-24"));
        Assert.Equal(["Mohan Roliskana"], await NamesOn("2024-01-01"));
    }

    [Fact]
    public async Task A_province_lists_its_subtree_on_request_and_mahakam_ulu_has_no_office()
    {
        var kaltim = (await Client.ListOfficesAsync(new ListOfficesRequest { RegionCode = "64", IncludeDescendants = true })).Offices;

        Assert.Equal(["64", "64", "64.03"], kaltim.Select(o => o.RegionCode));
        Assert.Empty((await Client.ListOfficesAsync(new ListOfficesRequest { RegionCode = "64.11" })).Offices);
        Assert.Equal(2, (await Client.ListOfficesAsync(new ListOfficesRequest { RegionCode = "64" })).Offices.Count);
    }

    [Fact]
    public async Task Invalid_office_input_is_rejected_naming_each_field_and_nothing_is_written()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "bawaslu", RegionCode = "74.71", Name = "Invalid office", Email = "not-an-address", WebhookUrl = "ftp://hooks.oversight.example" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("email: not an e-mail address; webhook_url: must be an absolute http or https URL", error.Status.Detail);

        var kind = await Assert.ThrowsAsync<RpcException>(() => Client.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "police", RegionCode = "7471", Name = "Invalid office" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, kind.StatusCode);
        Assert.Contains("kind: unknown office kind 'police' (expected one of", kind.Status.Detail);
        Assert.Contains("region_code: malformed", kind.Status.Detail);

        // Well-formed but naming no region: NotFound, checked inside the write's transaction.
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "bawaslu", RegionCode = "74.99", Name = "Invalid office" },
        }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "region_code: no region with code 74.99"), (unknown.StatusCode, unknown.Status.Detail));

        var term = await Assert.ThrowsAsync<RpcException>(() => Client.UpsertOfficialAsync(new UpsertOfficialRequest
        {
            Official = new Official { RegionCode = "74.71", Role = "regional_head", Name = "Invalid official", TermStart = "2024-10-01", TermEnd = "2024-09-01" },
        }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "term_end: before term_start"), (term.StatusCode, term.Status.Detail));

        Assert.Equal(0L, await ScalarAsync(fixture.System, "SELECT count(*) FROM offices WHERE name = 'Invalid office'"));
        Assert.Equal(0L, await ScalarAsync(fixture.System, "SELECT count(*) FROM officials WHERE name = 'Invalid official'"));
    }

    [Fact]
    public async Task An_office_is_created_read_updated_and_deleted()
    {
        var created = await Client.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "74.71", Name = "KPU Kota Kendari", Email = "kpu-74-71@oversight.example" },
        });
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal("KPU Kota Kendari", (await Client.GetOfficeAsync(new GetOfficeRequest { Id = created.Id })).Name);

        created.Phone = "+62 401 000000";
        await Client.UpsertOfficeAsync(new UpsertOfficeRequest { Office = created });
        Assert.Equal("+62 401 000000", (await Client.GetOfficeAsync(new GetOfficeRequest { Id = created.Id })).Phone);

        Assert.Equal(created.Id, (await Client.DeleteOfficeAsync(new DeleteOfficeRequest { Id = created.Id })).Id);
        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetOfficeAsync(new GetOfficeRequest { Id = created.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteOfficeAsync(new DeleteOfficeRequest { Id = created.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_cached_office_list_is_invalidated_by_a_write_through_the_service()
    {
        await using var system = await TestSystem.StartAsync(fixture.Servers, TestSystem.RegionDirectory);
        var client = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));
        var berau = new ListOfficesRequest { RegionCode = "64.03" };
        var kaltimTree = new ListOfficesRequest { RegionCode = "64", IncludeDescendants = true };

        Assert.Equal("Bawaslu Kabupaten Berau", (await client.ListOfficesAsync(berau)).Offices.Single().Name);
        Assert.Contains((await client.ListOfficesAsync(kaltimTree)).Offices, o => o.Name == "Bawaslu Kabupaten Berau");

        // Changed behind the service's back: the cache still answers, proving reads go through it.
        await ExecuteAsync(system, $"UPDATE offices SET name = 'Bawaslu Berau (db only)' WHERE id = '{BawasluBerauId}'");
        Assert.Equal("Bawaslu Kabupaten Berau", (await client.ListOfficesAsync(berau)).Offices.Single().Name);

        // A write through the service makes both the regency's list and its province's subtree list stale.
        var office = await client.GetOfficeAsync(new GetOfficeRequest { Id = BawasluBerauId });
        Assert.Equal("Bawaslu Berau (db only)", office.Name);
        office.Name = "Bawaslu Kabupaten Berau";
        office.Email = "bawaslu-berau-baru@oversight.example";
        await client.UpsertOfficeAsync(new UpsertOfficeRequest { Office = office });

        Assert.Equal("bawaslu-berau-baru@oversight.example", (await client.ListOfficesAsync(berau)).Offices.Single().Email);
        Assert.Contains((await client.ListOfficesAsync(kaltimTree)).Offices, o => o.Email == "bawaslu-berau-baru@oversight.example");

        await client.DeleteOfficeAsync(new DeleteOfficeRequest { Id = BawasluBerauId });
        Assert.Empty((await client.ListOfficesAsync(berau)).Offices);
    }

    [Fact]
    public async Task The_seed_does_not_undo_an_admins_edit_or_deletion_at_the_next_start()
    {
        await using var system = await TestSystem.StartAsync(fixture.Servers, TestSystem.RegionDirectory);
        var client = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));

        var kpu = await client.GetOfficeAsync(new GetOfficeRequest { Id = KpuMataramId });
        kpu.Email = "kpu-mataram-edited@oversight.example";
        await client.UpsertOfficeAsync(new UpsertOfficeRequest { Office = kpu });
        await client.DeleteOfficeAsync(new DeleteOfficeRequest { Id = PemkotMataramId });

        // The start-up schema and seed run again in the restarted process.
        var directory = system.Project(TestSystem.RegionDirectory);
        var firstPid = directory.Pid;
        await directory.CrashAndRestartAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(firstPid, directory.Pid);

        client = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));
        Assert.Equal("kpu-mataram-edited@oversight.example", (await client.GetOfficeAsync(new GetOfficeRequest { Id = KpuMataramId })).Email);
        var deleted = await Assert.ThrowsAsync<RpcException>(() => client.GetOfficeAsync(new GetOfficeRequest { Id = PemkotMataramId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, deleted.StatusCode);
        await directory.WaitForLineAsync("; 0 seed offices and 0 seed officials added");
    }

    internal static async Task ExecuteAsync(TestSystem system, string sql)
    {
        await using var connection = new NpgsqlConnection(system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(TestSystem system, string sql)
    {
        await using var connection = new NpgsqlConnection(system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
