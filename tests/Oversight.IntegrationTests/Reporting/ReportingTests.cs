using Oversight.Contracts.Reporting;
using Oversight.Testing;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>
/// The read model on real Redis and RabbitMQ, fed the scripted campaign in order: exact summaries at every level,
/// replays that change nothing, the other queries; exports, scope and open data in the other parts of this class.
/// </summary>
public sealed partial class ReportingTests(InOrderCampaignFixture fixture) : IClassFixture<InOrderCampaignFixture>
{
    private readonly TestSystem _system = fixture.System;
    private ComplaintScript Script => fixture.Script;

    private async Task<ReportingClient> ReportsAsync(string scope) =>
        new(_system.Authorized(TestSystem.Reporting, await _system.ReviewerTokenAsync(scope)));

    [Fact]
    public async Task Summaries_of_each_regency_province_and_the_nation_are_exact()
    {
        var reports = await ReportsAsync("");
        await SummaryExpectations.AssertEveryLevelExactAsync(Script, reports);

        // The same facts, written out: a province is its regencies added up.
        var nation = await reports.GetSummaryAsync(new GetSummaryRequest());
        Assert.Equal(11, nation.Totals.Total);
        Assert.Equal([4L, 3L, 4L], nation.Children.Select(c => c.Total));
        var sulawesiTenggara = await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "74" });
        Assert.Equal(sulawesiTenggara.Totals.Total, sulawesiTenggara.Children.Sum(c => c.Total));
        Assert.Equal(3, nation.Totals.Overdue);
        Assert.Equal(48, nation.Totals.DecisionHoursMedian);
        Assert.Equal(96, nation.Totals.DecisionHoursP90);
    }

    [Fact]
    public async Task Replaying_every_event_again_in_any_order_changes_nothing()
    {
        var reports = await ReportsAsync("");
        var before = new List<RegionSummary>();
        foreach (var level in SummaryExpectations.Levels) before.Add(await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = level }));
        var handled = fixture.HandledCount();

        var random = new Random(7);
        await fixture.PublishAsync(Script.Events.Concat(Script.Events).OrderBy(_ => random.Next()));
        await fixture.WaitForHandledAsync(handled + 2 * Script.Events.Count, TimeSpan.FromSeconds(60));

        var after = new List<RegionSummary>();
        foreach (var level in SummaryExpectations.Levels) after.Add(await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = level }));
        Assert.Equal(before, after);
        await SummaryExpectations.AssertEveryLevelExactAsync(Script, reports);
    }

    [Fact]
    public async Task The_time_series_counts_each_wib_day_of_the_campaign()
    {
        var series = await (await ReportsAsync("")).GetTimeSeriesAsync(new GetTimeSeriesRequest());
        Assert.Equal(60, series.Days.Count);
        Assert.Equal("2024-09-25", series.Days[0].Date);
        Assert.Equal("2024-11-23", series.Days[^1].Date);
        var expected = Script.Finals.Values.GroupBy(s => s.ReceivedAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd"))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), series.Days.Where(d => d.Received > 0).Select(d => KeyValuePair.Create(d.Date, d.Received)));
        // 20:00 UTC on the 26th is the 27th in WIB.
        Assert.Equal(1, series.Days.Single(d => d.Date == "2024-09-27").Received);
    }

    [Fact]
    public async Task The_overdue_list_names_the_open_late_complaints_with_how_late()
    {
        var overdue = await (await ReportsAsync("")).ListOverdueAsync(new ListOverdueRequest());
        var expected = Script.Finals.Where(p => SummaryExpectations.IsOverdue(p.Value)).Select(p => p.Key.ToString()).Order();
        Assert.Equal(expected, overdue.Complaints.Select(c => c.ComplaintId).Order());
        var lateBy = (long)(DateTimeOffset.UtcNow - ComplaintScript.Past).TotalSeconds;
        Assert.All(overdue.Complaints, c => Assert.InRange(c.SecondsLate, lateBy - 120, lateBy + 120));
        Assert.Contains(overdue.Complaints, c => c.DeadlineOwner == "reporter" && c.RegionCode == "64.03" && c.Status == "needs_completion");

        var bawaslu = await (await ReportsAsync("74")).ListOverdueAsync(new ListOverdueRequest { RegionCode = "74", Owner = "bawaslu" });
        var kendari = Assert.Single(bawaslu.Complaints);
        Assert.Equal("74.71", kendari.RegionCode);
        Assert.Equal("review", kendari.DeadlineKind);
    }

    [Fact]
    public async Task Top_agencies_rank_by_complaints()
    {
        var top = await (await ReportsAsync("")).TopAgenciesAsync(new TopAgenciesRequest { N = 3 });
        // Ties in the order of the name.
        Assert.Equal([("Dinas Pendidikan", 3L), ("Bappeda", 2L), ("Dinas Kesehatan", 2L)], top.Agencies.Select(a => (a.Agency, a.Complaints)));
        var kendari = await (await ReportsAsync("74.71")).TopAgenciesAsync(new TopAgenciesRequest { RegionCode = "74.71", N = 1 });
        Assert.Equal([("Bappeda", 2L)], kendari.Agencies.Select(a => (a.Agency, a.Complaints)));
    }
}
