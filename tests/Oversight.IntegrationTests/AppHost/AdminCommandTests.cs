using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.Contracts.Reporting;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>The directory, complaints and reporting as the AppHost declares them, for the dashboard's admin commands.</summary>
public sealed class AdminCommandSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, TestSystem.Complaints, TestSystem.Reporting);

    public async ValueTask DisposeAsync()
    {
        if (System is not null) await System.DisposeAsync();
    }
}

/// <summary>
/// The admin commands of the dashboard (AppHost/Oversight.AppHost/Commands), run as the dashboard runs them: through
/// Aspire's <see cref="ResourceCommandService"/> on the AppHost's own resources, with their effects checked in the
/// services; and the pages each resource row links.
/// </summary>
public sealed partial class AdminCommandTests(AdminCommandSystemFixture fixture) : IClassFixture<AdminCommandSystemFixture>
{
    private readonly TestSystem _system = fixture.System;

    [GeneratedRegex(@"^(\d+) events? waiting in the outbox of (\S+); the relay is (publishing\.|not publishing: .+)$")]
    private static partial Regex Backlog();

    private Task<ExecuteCommandResult> ExecuteAsync(string resource, string command, params (string Name, string Value)[] arguments)
    {
        var commands = _system.App.Services.GetRequiredService<ResourceCommandService>();
        // Only the values: the command fills in its own arguments' definitions and defaults.
        var given = new InteractionInputCollection([.. arguments.Select(a => new InteractionInput { Name = a.Name, InputType = InputType.Text, Value = a.Value })]);
        return commands.ExecuteCommandAsync(_system.Project(resource).Resource, command, given);
    }

    [Fact]
    public async Task Import_region_list_imports_a_changed_list_and_a_dry_run_or_the_shipped_list_again_writes_nothing()
    {
        var directory = new RegionDirectoryClient(_system.Channel(TestSystem.RegionDirectory));
        // The directory starts with the official list the repository ships (its seed): all 552 regions.
        Assert.Equal(552, await RegionCountAsync());
        Assert.Equal("Kota Administrasi Jakarta Utara", (await directory.GetRegionAsync(new GetRegionRequest { Code = "31.72" })).Name);

        // The defaults are that list (data/regions): nothing to import.
        var same = await ExecuteAsync(TestSystem.RegionDirectory, "import-region-list");
        Assert.True(same.Success, same.Message);
        Assert.Equal("Nothing to import from provinces-2025.csv and regencies-2025.csv: the directory already holds all 552 regions as listed.", same.Message);

        // A changed copy (a decree renaming a province) as a dry run: reported, not written.
        var renamed = Path.Combine(_system.StateDirectory, "provinces-renamed.csv");
        await File.WriteAllTextAsync(renamed, (await File.ReadAllTextAsync(SharedData.ProvincesCsv)).Replace("11,Aceh", "11,Aceh Darussalam"));
        var dryRun = await ExecuteAsync(TestSystem.RegionDirectory, "import-region-list", ("provinces", renamed), ("regencies", ""), ("dryRun", "true"));
        Assert.True(dryRun.Success, dryRun.Message);
        Assert.Equal("Dry run of provinces-renamed.csv: 0 to add, 1 to change, 37 unchanged; nothing written.", dryRun.Message);
        Assert.Equal("Aceh", (await directory.GetRegionAsync(new GetRegionRequest { Code = "11" })).Name);

        // Imported for real: written, and the shipped list brings the name back.
        var imported = await ExecuteAsync(TestSystem.RegionDirectory, "import-region-list", ("provinces", renamed), ("regencies", ""), ("dryRun", "false"));
        Assert.True(imported.Success, imported.Message);
        Assert.Equal("Imported provinces-renamed.csv: 0 added, 1 changed, 37 unchanged.", imported.Message);
        Assert.Equal("Aceh Darussalam", (await directory.GetRegionAsync(new GetRegionRequest { Code = "11" })).Name);
        var restored = await ExecuteAsync(TestSystem.RegionDirectory, "import-region-list");
        Assert.Equal("Imported provinces-2025.csv and regencies-2025.csv: 0 added, 1 changed, 551 unchanged.", restored.Message);
        Assert.Equal("Aceh", (await directory.GetRegionAsync(new GetRegionRequest { Code = "11" })).Name);

        // A file that is not there is refused before anything is sent.
        var missing = await ExecuteAsync(TestSystem.RegionDirectory, "import-region-list", ("provinces", "/nonexistent/provinces.csv"));
        Assert.False(missing.Success);
        Assert.Equal(552, await RegionCountAsync());
    }

    [Fact]
    public async Task Rebuild_reporting_rebuilds_from_the_export_and_the_numbers_stay_right()
    {
        var complaints = new ComplaintsClient(_system.Channel(TestSystem.Complaints));
        foreach (var (region, province) in new[] { ("52.71", "52"), ("52.71", "52"), ("64.03", "64") })
        {
            await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan(region), await _system.IntakeOfficerHeadersAsync(province));
        }
        var reports = new ReportingClient(_system.Channel(TestSystem.Reporting));
        var admin = await _system.AdminHeadersAsync();
        async Task<List<RegionSummary>> SummariesAsync()
        {
            var summaries = new List<RegionSummary>();
            foreach (var level in new[] { "", "52", "52.71", "64", "64.03" })
            {
                summaries.Add(await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = level }, admin));
            }
            return summaries;
        }
        await Eventually.HoldsAsync(async () => (await reports.GetSummaryAsync(new GetSummaryRequest(), admin)).Totals.Total, n => n == 3,
            TimeSpan.FromSeconds(30), "the national total live");
        var live = await SummariesAsync();

        var rebuilt = await ExecuteAsync(TestSystem.Reporting, "rebuild-reporting");

        Assert.True(rebuilt.Success, rebuilt.Message);
        Assert.Matches(@"^Rebuilt reporting from the complaints service's export: generation \d+ is live, with 3 complaints\.$", rebuilt.Message);
        Assert.Equal(live, await SummariesAsync());
        Assert.Equal(2, (await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52.71" }, admin)).Totals.Total);
    }

    [Fact]
    public async Task Show_outbox_backlog_gives_the_number_of_events_waiting_and_why_they_wait()
    {
        // Idle: what the command says is what the complaints outbox table holds unpublished.
        var complaintsDb = _system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb");
        await Eventually.HoldsAsync(async () => (Said: await BacklogAsync(TestSystem.Complaints), Table: await UnpublishedAsync(complaintsDb)),
            seen => seen.Said == (seen.Table, true), TimeSpan.FromSeconds(30), "the complaints backlog as the table has it");

        // An event the relay cannot publish (an unknown type) holds the directory's outbox up: the command counts it and says why.
        var directoryDb = _system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb");
        var poison = Guid.NewGuid();
        await ExecuteSqlAsync(directoryDb, $"INSERT INTO outbox_messages (event_id, event_type, payload) VALUES ('{poison}', 'test.undeliverable', '{{}}')");
        try
        {
            var stuck = await Eventually.HoldsAsync(() => ExecuteAsync(TestSystem.RegionDirectory, "show-outbox-backlog"),
                // Counted as soon as it is written; "not publishing" once the relay has failed on it.
                result => result.Message?.StartsWith("1 event waiting", StringComparison.Ordinal) == true
                    && result.Message.Contains("not publishing", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), "the stuck event counted, and the relay failing on it");
            Assert.True(stuck.Success);
            Assert.Matches(Backlog(), stuck.Message);
            Assert.Contains("the relay is not publishing: Outbox relay failing", stuck.Message);
            Assert.Contains("test.undeliverable", stuck.Message);
        }
        finally
        {
            await ExecuteSqlAsync(directoryDb, $"DELETE FROM outbox_messages WHERE event_id = '{poison}'");
        }
        await Eventually.HoldsAsync(() => BacklogAsync(TestSystem.RegionDirectory), said => said == (0, true), TimeSpan.FromSeconds(60),
            "the directory's relay publishing again");
    }

    [Fact]
    public async Task Each_service_row_links_its_pages_by_name()
    {
        var reporting = await UrlsAsync(TestSystem.Reporting, urls => urls.Any(u => u.DisplayProperties.DisplayName == "Situation room"));
        var situationRoom = reporting.Single(u => u.DisplayProperties.DisplayName == "Situation room");
        Assert.EndsWith("/situation-room", situationRoom.Url);
        Assert.Contains(reporting, u => u.DisplayProperties.DisplayName == "Open data counts (REST)" && u.Url.EndsWith("/v1/open-data/counts", StringComparison.Ordinal));
        Assert.Contains(reporting, u => u.Name == "http" && u.DisplayProperties.DisplayName == "Health report (/health)" && u.Url.EndsWith("/health", StringComparison.Ordinal));
        Assert.Contains(reporting, u => u.Name == "grpc" && u.IsInternal);

        var directory = await UrlsAsync(TestSystem.RegionDirectory, urls => urls.Any(u => u.DisplayProperties.DisplayName == "Provinces (REST)"));
        var provinces = directory.Single(u => u.DisplayProperties.DisplayName == "Provinces (REST)");
        Assert.Contains(directory, u => u.DisplayProperties.DisplayName == "Election calendar (REST)");

        using var http = new HttpClient();
        using var page = await http.GetAsync(situationRoom.Url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var regions = JsonDocument.Parse(await http.GetStringAsync(provinces.Url));
        Assert.Equal(38, regions.RootElement.GetProperty("regions").GetArrayLength());
    }

    private async Task<(long Waiting, bool Publishing)?> BacklogAsync(string service)
    {
        var result = await ExecuteAsync(service, "show-outbox-backlog");
        Assert.True(result.Success, result.Message);
        var match = Backlog().Match(result.Message!);
        Assert.True(match.Success, result.Message);
        Assert.Equal(service, match.Groups[2].Value);
        return (long.Parse(match.Groups[1].Value), match.Groups[3].Value == "publishing.");
    }

    private async Task<IReadOnlyList<UrlSnapshot>> UrlsAsync(string service, Func<IReadOnlyList<UrlSnapshot>, bool> ready)
    {
        var id = _system.Project(service).InstanceIds[0];
        return await Eventually.HoldsAsync(() => Task.FromResult<IReadOnlyList<UrlSnapshot>>(
                _system.App.ResourceNotifications.TryGetCurrentState(id, out var current) ? [.. current.Snapshot.Urls] : []),
            ready, TimeSpan.FromSeconds(30), $"the links of {service}");
    }

    private async Task<long> RegionCountAsync()
    {
        await using var connection = new NpgsqlConnection(_system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM regions", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<long> UnpublishedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
