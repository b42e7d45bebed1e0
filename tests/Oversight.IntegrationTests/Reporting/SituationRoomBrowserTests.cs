using Microsoft.Playwright;
using Oversight.Contracts.Reporting;
using Oversight.IntegrationTests.Browser;
using Oversight.Testing;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>
/// The situation room in a real headless Chromium: a non-admin is refused; the test admin signs in and the page shows
/// exactly what the gRPC reports answer (the nation, then a province after clicking it in the tree), a chart point per
/// day with the campaign's key dates marked, the overdue list; a complaint published meanwhile shows up without a
/// reload. Screenshots under TestResults/screenshots/situation-room-*.png.
/// </summary>
[Collection(SituationRoomCollection.Name)]
public sealed class SituationRoomBrowserTests(SituationRoomFixture fixture)
{
    private TestSystem System => fixture.System;

    [Fact]
    public async Task An_admin_sees_the_api_numbers_the_chart_the_overdue_list_and_live_updates()
    {
        await using var browser = await BrowserSession.StartAsync();
        try
        {
            await WalkThroughAsync(browser);
        }
        catch
        {
            await browser.ScreenshotAsync("situation-room-failed");
            throw;
        }
    }

    private async Task WalkThroughAsync(BrowserSession browser)
    {
        var page = browser.Page;
        var reports = new ReportingClient(System.Authorized(TestSystem.Reporting, await System.AdminTokenAsync()));

        // A reviewer is refused, saying why.
        var reviewer = await fixture.RegisterClientAsync("", "reviewer");
        await page.GotoAsync(new Uri(fixture.ReportingHttp, "/situation-room").ToString());
        await SignInAsync(page, reviewer.ClientId, reviewer.Secret);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("for admins only");
        await Assertions.Expect(page.Locator("#room")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("situation-room-1-refused");

        // The test admin (national scope) signs in and sees the nation.
        await SignInAsync(page, TestSystem.AdminClientId, System.AdminSecret);
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
        var nation = await reports.GetSummaryAsync(new GetSummaryRequest());
        await AssertShowsAsync(page, nation);
        // Today is past the election the directory's calendar holds, so the chart shows the recent days: the scripted
        // complaints (all of 2024) are outside them, and the page says so rather than drawing a bare flat line.
        await AssertRecentChartAsync(page, reports, "");
        await Assertions.Expect(page.Locator("#chart-note")).ToHaveTextAsync(
            $"No complaints were received here from {RecentFrom} to {Today}. All {nation.Totals.Total} of this region's "
            + "complaints were received outside these days; the other range may show them.");
        await browser.ScreenshotAsync("situation-room-2-nation-recent");
        await page.Locator("#chart-ranges button[data-range='election']").ClickAsync();
        await AssertChartAsync(page, reports, "");
        await Assertions.Expect(page.Locator("#chart-note")).ToBeHiddenAsync();
        await AssertOverdueAsync(page, reports, "");
        await browser.ScreenshotAsync("situation-room-2-nation");

        // Sulawesi Tenggara, clicked in the tree.
        // The tree names its regions from the directory, beside their codes.
        await Assertions.Expect(page.Locator("#region-tree li[data-region='74'] > button .name")).ToHaveTextAsync("Sulawesi Tenggara (74)");
        await page.Locator("#region-tree li[data-region='74'] > button").ClickAsync();
        await Assertions.Expect(page.Locator("#region-title")).ToHaveTextAsync("Sulawesi Tenggara (74)");
        var province = await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "74" });
        await AssertShowsAsync(page, province);
        await AssertChartAsync(page, reports, "74");
        await AssertOverdueAsync(page, reports, "74");
        await browser.ScreenshotAsync("situation-room-3-province");

        // A new complaint in Kota Kendari: the page follows without a reload (a marker set on this document survives).
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var id = await fixture.PublishNewOverdueComplaintAsync("74.71");
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync((province.Totals.Total + 1).ToString());
        await Assertions.Expect(page.Locator($"#overdue-list tbody tr[data-id='{id}']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was not reloaded");
        var updated = await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "74" });
        Assert.Equal(province.Totals.Total + 1, updated.Totals.Total);
        await AssertShowsAsync(page, updated);
        // The rows above it in the tree count the new complaint too.
        await Assertions.Expect(page.Locator("#region-tree li[data-region=''] > button .count")).ToHaveTextAsync((nation.Totals.Total + 1).ToString());
        await AssertOverdueAsync(page, reports, "74");
        await Assertions.Expect(page.Locator("#region-tree li[data-region='74.71'] > button .name")).ToHaveTextAsync("Kota Kendari (74.71)");
        // Received today: on the recent chart, the last point.
        await page.Locator("#chart-ranges button[data-range='recent']").ClickAsync();
        await AssertRecentChartAsync(page, reports, "74");
        await Assertions.Expect(page.Locator($"#chart circle.day[data-date='{Today}']")).ToHaveAttributeAsync("data-received", "1");
        await Assertions.Expect(page.Locator("#chart-note")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("situation-room-4-live");

        // Sign-out clears the cookie: the form is back and the API refuses the browser.
        await page.Locator("#sign-out").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Equal(401, await page.EvaluateAsync<int>("async () => (await fetch('/situation-room/api/summary')).status"));

        // Only the refusals the walk-through provoked (the browser logs a 401/403 answer as a console error).
        Assert.DoesNotContain(browser.ScriptErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    private static async Task SignInAsync(IPage page, string clientId, string secret)
    {
        await page.Locator("#client-id").FillAsync(clientId);
        await page.Locator("#client-secret").FillAsync(secret);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
    }

    // The cards, the breakdowns by status and violation type, and one tree row per child region, as the API answers.
    private static async Task AssertShowsAsync(IPage page, RegionSummary summary)
    {
        var totals = summary.Totals;
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync(totals.Total.ToString());
        await Assertions.Expect(page.Locator("#overdue-count")).ToHaveTextAsync(totals.Overdue.ToString());
        await Assertions.Expect(page.Locator("#decided")).ToHaveTextAsync(totals.Decided.ToString());
        await AssertCountsAsync(page, "#by-status", totals.ByStatus.ToDictionary(p => p.Key, p => p.Value));
        await AssertCountsAsync(page, "#by-type", totals.ByViolationType.ToDictionary(p => p.Key.ToString(), p => p.Value));
        // Types by their catalogue name (SKB 2022), not "Type 2".
        foreach (var type in totals.ByViolationType.Keys.Where(k => k > 0 && totals.ByViolationType[k] > 0))
        {
            var name = Oversight.Catalogues.ViolationCatalogue.All.Single(v => v.Number == type).NameEn;
            await Assertions.Expect(page.Locator($"#by-type tbody tr[data-key='{type}'] td").First).ToHaveTextAsync($"{type}. {name}");
        }
        await AssertCountsAsync(page, "#by-kind", totals.ByKind.ToDictionary(p => p.Key, p => p.Value));

        var node = $"#region-tree li[data-region='{totals.RegionCode}']";
        await Assertions.Expect(page.Locator($"{node} > button .count")).ToHaveTextAsync(totals.Total.ToString());
        await Assertions.Expect(page.Locator($"{node} > ul > li")).ToHaveCountAsync(summary.Children.Count);
        foreach (var child in summary.Children)
        {
            await Assertions.Expect(page.Locator($"{node} > ul > li[data-region='{child.RegionCode}'] > button .count")).ToHaveTextAsync(child.Total.ToString());
        }
    }

    private static async Task AssertCountsAsync(IPage page, string table, Dictionary<string, long> expected)
    {
        var shown = expected.Where(p => p.Value > 0).ToList();
        await Assertions.Expect(page.Locator($"{table} tbody tr[data-key]")).ToHaveCountAsync(shown.Count);
        foreach (var (key, count) in shown)
        {
            await Assertions.Expect(page.Locator($"{table} tbody tr[data-key='{key}'] td.n")).ToHaveTextAsync(count.ToString());
        }
    }

    private static string Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime).ToString("yyyy-MM-dd");

    private static string RecentFrom => DateOnly.ParseExact(Today, "yyyy-MM-dd").AddDays(-89).ToString("yyyy-MM-dd");

    // The election period of the directory's calendar (Pilkada 2024: the campaign's start, 2024-09-25, to the end of
    // counting and recapitulation, 2024-12-16): one point per day, each the API's count, and the three key dates marked.
    private static async Task AssertChartAsync(IPage page, ReportingClient reports, string region)
    {
        await Assertions.Expect(page.Locator("#chart-range")).ToHaveTextAsync(
            "pilkada-2024 (PKPU 2/2024), from the campaign to the end of its last stage: 2024-09-25 to 2024-12-16");
        await Assertions.Expect(page.Locator("#chart-ranges button[data-range='election']")).ToHaveAttributeAsync("aria-pressed", "true");
        var points = await AssertPointsAsync(page, reports, region, "2024-09-25", "2024-12-16", 83);
        foreach (var (key, title) in new[] { ("campaign-start", "Campaign starts: 2024-09-25"), ("quiet-period", "Quiet period: 2024-11-24 to 2024-11-26"), ("voting-day", "Voting day: 2024-11-27") })
        {
            await Assertions.Expect(page.Locator($"#chart g.key-date[data-key='{key}'] > title")).ToHaveTextAsync(title);
        }
        // The campaign-start marker stands on the first point, voting day on its own day's point.
        Assert.Equal(await points.First.GetAttributeAsync("cx"), await page.Locator("#chart g.key-date[data-key='campaign-start'] line").GetAttributeAsync("x1"));
        Assert.Equal(await page.Locator("#chart circle.day[data-date='2024-11-27']").GetAttributeAsync("cx"),
            await page.Locator("#chart g.key-date[data-key='voting-day'] line").GetAttributeAsync("x1"));
    }

    // The last 90 days to today (WIB), no election marks on them.
    private static async Task AssertRecentChartAsync(IPage page, ReportingClient reports, string region)
    {
        await Assertions.Expect(page.Locator("#chart-range")).ToHaveTextAsync($"the last 90 days: {RecentFrom} to {Today}");
        await Assertions.Expect(page.Locator("#chart-ranges button[data-range='recent']")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertPointsAsync(page, reports, region, RecentFrom, Today, 90);
        await Assertions.Expect(page.Locator("#chart g.key-date")).ToHaveCountAsync(0);
    }

    private static async Task<ILocator> AssertPointsAsync(IPage page, ReportingClient reports, string region, string from, string to, int days)
    {
        var series = await reports.GetTimeSeriesAsync(new GetTimeSeriesRequest { RegionCode = region, From = from, To = to });
        Assert.Equal(days, series.Days.Count);
        var points = page.Locator("#chart circle.day");
        await Assertions.Expect(points).ToHaveCountAsync(series.Days.Count);
        var shown = await points.EvaluateAllAsync<string[]>("dots => dots.map(d => d.dataset.date + '=' + d.dataset.received)");
        Assert.Equal(series.Days.Select(d => $"{d.Date}={d.Received}"), shown);
        return points;
    }

    // The overdue rows in the API's order, with the region and owner the API gives.
    private static async Task AssertOverdueAsync(IPage page, ReportingClient reports, string region)
    {
        var overdue = await reports.ListOverdueAsync(new ListOverdueRequest { RegionCode = region });
        Assert.NotEmpty(overdue.Complaints);
        var rows = page.Locator("#overdue-list tbody tr[data-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(overdue.Complaints.Count);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => [r.dataset.id, r.cells[1].textContent, r.cells[4].textContent].join('|'))");
        Assert.Equal(overdue.Complaints.Select(c => $"{c.ComplaintId}|{c.RegionCode}|{c.DeadlineOwner}"), shown);
    }
}
