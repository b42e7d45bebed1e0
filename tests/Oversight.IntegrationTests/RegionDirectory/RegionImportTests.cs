using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>The import of the official list, over gRPC and from the command line, against real PostgreSQL.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class RegionImportTests(RegionDirectoryFixture fixture)
{
    private RegionDirectoryClient Client => new(fixture.System.Channel(TestSystem.RegionDirectory));

    private string DatabaseConnectionString => fixture.System.Project(TestSystem.RegionDirectory).Environment["ConnectionStrings__directorydb"];

    [Fact]
    public async Task Importing_the_official_list_yields_38_provinces_and_514_regencies_and_twice_changes_nothing()
    {
        var request = new ImportRegionsRequest
        {
            ProvincesCsv = await File.ReadAllTextAsync(SharedData.ProvincesCsv),
            RegenciesCsv = await File.ReadAllTextAsync(SharedData.RegenciesCsv),
        };

        var first = await Client.ImportRegionsAsync(request, await fixture.System.AdminHeadersAsync());
        Assert.Equal(38 + 514, first.Added + first.Changed + first.Unchanged);

        var counts = await CountsAsync();
        Assert.Equal(38, counts["provinsi"]);
        Assert.Equal(416, counts["kabupaten"]);
        Assert.Equal(98, counts["kota"]);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM regions WHERE length(code) = 5 AND parent_code IS DISTINCT FROM substr(code, 1, 2)"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM regions WHERE name <> btrim(name)"));

        var mataram = await Client.GetRegionAsync(new GetRegionRequest { Code = "52.71" });
        Assert.Equal(("Kota Mataram", "kota", "52"), (mataram.Name, mataram.Kind, mataram.ParentCode));
        var jakartaUtara = await Client.GetRegionAsync(new GetRegionRequest { Code = "31.72" });
        Assert.Equal("Kota Administrasi Jakarta Utara", jakartaUtara.Name);

        var second = await Client.ImportRegionsAsync(request, await fixture.System.AdminHeadersAsync());
        Assert.Equal((0, 0, 552, false), (second.Added, second.Changed, second.Unchanged, second.Applied));
        Assert.Empty(second.Changes);
    }

    [Fact]
    public async Task A_corrupted_copy_is_rejected_whole_with_line_numbers()
    {
        var regencies = (await File.ReadAllTextAsync(SharedData.RegenciesCsv)).Split('\n').ToList();
        regencies[4] = "11.0X,11,Kabupaten Aceh Tengah,kabupaten";    // line 5: malformed code
        regencies.Add("99.01,99,Kabupaten Entah,kabupaten");           // parent 99 missing
        regencies.Add("52.71,52,Kota Mataram Baru,kota");              // duplicate code, another name
        regencies.Add("52.98,52,Kota Baru Sekali,kota");               // fine, but must not be written either
        var totalLines = regencies.Count;
        var before = await ScalarAsync("SELECT count(*) FROM regions");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = await File.ReadAllTextAsync(SharedData.ProvincesCsv),
            RegenciesCsv = string.Join('\n', regencies),
        }, await fixture.System.AdminHeadersAsync()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("regencies line 5: code '11.0X'", error.Status.Detail);
        Assert.Contains($"regencies line {totalLines - 2}: code 99.01: parent province 99 is missing", error.Status.Detail);
        Assert.Contains($"regencies line {totalLines - 1}: code 52.71: duplicate", error.Status.Detail);
        Assert.Contains("nothing imported", error.Status.Detail);
        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM regions"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM regions WHERE code = '52.98'"));
    }

    [Fact]
    public async Task Missing_input_is_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ImportRegionsAsync(new ImportRegionsRequest(), await fixture.System.AdminHeadersAsync()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("provinces_csv", error.Status.Detail);
    }

    [Fact]
    public async Task The_command_line_import_seeds_a_fresh_database_and_reports_what_a_new_list_changes()
    {
        // A fresh database gets the shipped official list as its seed; a later decree's list (here one regency
        // renamed) is imported from the command line, which reports the change.
        var database = await fixture.Servers.CreateDatabaseAsync("cli");
        var project = fixture.System.Project(TestSystem.RegionDirectory);
        var renamed = Path.Combine(Path.GetTempPath(), $"regencies-renamed-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(renamed, (await File.ReadAllTextAsync(SharedData.RegenciesCsv))
            .Replace("64.01,64,Kabupaten Paser,", "64.01,64,Kabupaten Paser Baru,"));
        var start = new ProcessStartInfo(project.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__directorydb"] = database, ["ConnectionStrings__cache"] = fixture.Servers.Redis.ConnectionString, ["Logging__LogLevel__Default"] = "Warning" },
        };
        foreach (var argument in new[] { "import-regions", "--provinces", SharedData.ProvincesCsv, "--regencies", renamed })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(renamed);

        Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync());
        Assert.Contains("0 added, 1 changed, 551 unchanged, 0 rejected; applied", output);
        Assert.Contains("changed 64.01 Kabupaten Paser Baru", output);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM regions", connection);
        Assert.Equal(552L, await count.ExecuteScalarAsync());

        // Without the Redis its import must drop entries from, the command names the setting in one line and stops.
        start.Environment.Remove("ConnectionStrings__cache");
        using var refused = Process.Start(start)!;
        var refusal = await refused.StandardError.ReadToEndAsync();
        await refused.WaitForExitAsync();
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("Connection string 'cache' is missing: set ConnectionStrings__cache (the AppHost does this).", refusal.Trim());
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT kind, count(*) FROM regions GROUP BY kind", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
