using System.Text.Json;
using Oversight.AppHost;
using Oversight.AppHost.Commands;

namespace Oversight.UnitTests.AppHost;

/// <summary>What the dashboard's admin commands say, from the services' answers.</summary>
public sealed class AdminCommandAnswersTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void An_applied_import_reports_what_it_added_changed_and_left()
    {
        var answer = Json("""{"added":476,"changed":2,"unchanged":74,"applied":true,"changes":["added 11.01 Kabupaten Aceh Selatan"]}""");
        Assert.Equal("Imported provinces-2025.csv and regencies-2025.csv: 476 added, 2 changed, 74 unchanged.",
            ImportRegionListCommand.Describe(answer, "provinces-2025.csv and regencies-2025.csv", dryRun: false));
    }

    [Fact]
    public void A_dry_run_says_nothing_was_written_and_a_repeat_import_that_there_was_nothing_to_do()
    {
        var dryRun = Json("""{"added":476,"changed":0,"unchanged":76,"applied":false}""");
        Assert.Equal("Dry run of p.csv: 476 to add, 0 to change, 76 unchanged; nothing written.",
            ImportRegionListCommand.Describe(dryRun, "p.csv", dryRun: true));

        // JSON transcoding may leave zero fields out.
        var again = Json("""{"unchanged":552}""");
        Assert.Equal("Nothing to import from p.csv: the directory already holds all 552 regions as listed.",
            ImportRegionListCommand.Describe(again, "p.csv", dryRun: false));
    }

    [Fact]
    public void A_rebuild_names_the_live_generation_and_the_complaints_it_holds_int64s_being_strings_in_JSON()
    {
        Assert.Equal("Rebuilt reporting from the complaints service's export: generation 3 is live, with 1204 complaints.",
            RebuildReportingCommand.Describe(Json("""{"generation":"3","complaints":"1204"}""")));
        Assert.Equal("Rebuilt reporting from the complaints service's export: generation 1 is live, with 0 complaints.",
            RebuildReportingCommand.Describe(Json("""{"generation":"1"}""")));
    }

    [Fact]
    public void The_outbox_backlog_is_the_health_reports_figure_with_the_relays_trouble_when_it_has_one()
    {
        var healthy = OutboxBacklogCommand.Describe("complaints", Json("""
            {"status":"Healthy","checks":{"npgsql":{"status":"Healthy","description":null},
             "outbox":{"status":"Healthy","description":"Outbox relay publishing; 1 events waiting.","data":{"waiting":1}}}}
            """));
        Assert.True(healthy.Success);
        Assert.Equal("1 event waiting in the outbox of complaints; the relay is publishing.", healthy.Message);

        var stuck = OutboxBacklogCommand.Describe("region-directory", Json("""
            {"status":"Degraded","checks":{"outbox":{"status":"Degraded",
             "description":"Outbox relay failing for 12 s (Broker unreachable); 57 events waiting.","data":{"waiting":57}}}}
            """));
        Assert.True(stuck.Success);
        Assert.Equal("57 events waiting in the outbox of region-directory; the relay is not publishing: "
            + "Outbox relay failing for 12 s (Broker unreachable); 57 events waiting.", stuck.Message);
    }

    [Fact]
    public void A_service_without_an_outbox_or_without_the_figure_fails_saying_so()
    {
        var none = OutboxBacklogCommand.Describe("reporting", Json("""{"status":"Healthy","checks":{"redis":{"status":"Healthy"}}}"""));
        Assert.False(none.Success);
        Assert.Contains("no outbox check", none.Message);

        var old = OutboxBacklogCommand.Describe("complaints", Json("""
            {"status":"Healthy","checks":{"outbox":{"status":"Healthy","description":"Outbox relay publishing; 0 events waiting."}}}
            """));
        Assert.False(old.Success);
        Assert.Contains("no number of events waiting", old.Message);
    }

    [Theory]
    [InlineData(400, """{"code":9,"message":"A rebuild is already running.","details":[]}""", "A rebuild is already running.")]
    [InlineData(403, """{"code":7,"message":"role admin required"}""", "not allowed (role admin required)")]
    [InlineData(401, """{"error":"invalid_client","error_description":"unknown client or wrong secret"}""", "not signed in (unknown client or wrong secret)")]
    [InlineData(503, """{"code":14,"message":"The reporting store is unavailable."}""", "unavailable (The reporting store is unavailable.)")]
    [InlineData(500, """{"unexpected":true}""", """{"unexpected":true}""")]
    public void A_refusal_is_told_in_the_services_own_words(int status, string body, string expected) =>
        Assert.Equal(expected, AdminHttp.Refusal(status, Json(body)));

    [Fact]
    public void Numbers_are_read_as_numbers_or_int64_strings_and_absent_ones_are_zero()
    {
        var body = Json("""{"a":5,"b":"9000000000","c":"x"}""");
        Assert.Equal((5L, 9_000_000_000L, 0L, 0L), (AdminHttp.Number(body, "a"), AdminHttp.Number(body, "b"), AdminHttp.Number(body, "c"), AdminHttp.Number(body, "d")));
    }

    [Fact]
    public void Page_links_join_the_endpoint_and_the_path_with_one_slash()
    {
        Assert.Equal("http://localhost:5131/situation-room", DashboardLinks.PageUrl("http://localhost:5131", "/situation-room"));
        Assert.Equal("http://localhost:5131/situation-room", DashboardLinks.PageUrl("http://localhost:5131/", "situation-room"));
    }
}
