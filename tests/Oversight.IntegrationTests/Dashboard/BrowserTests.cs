using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's headless Chromium): an admin signs in with the token URL the AppHost
/// prints, and every page shows the running system: resources healthy, a service's console, a consumer's log line,
/// the trace of a submitted complaint across services with its spans, and a metric's chart. Each page is saved as a
/// full-page screenshot under TestResults/screenshots/ (the paths are in the test output).
/// </summary>
[Collection(TracedSystemCollection.Name)]
public sealed class BrowserTests(TracedSystemFixture fixture)
{
    [Fact]
    public async Task An_admin_signs_in_and_finds_every_page_showing_the_running_system()
    {
        await using var browser = await BrowserSession.StartAsync();
        try
        {
            await WalkThroughThePagesAsync(browser);
        }
        catch
        {
            // What the page showed when it went wrong.
            await browser.ScreenshotAsync("failed");
            throw;
        }
    }

    private async Task WalkThroughThePagesAsync(BrowserSession browser)
    {
        var page = browser.Page;

        // A complaint whose trace crosses the services; Kendari's office is looked up in the directory for the first time.
        using var api = await fixture.SignedInDashboardAsync();
        var since = DateTimeOffset.UtcNow;
        await fixture.SubmitAsync("74.71", "Browser test: lurah memasang spanduk pasangan calon di kantor kelurahan.");
        var trace = await TracedSystemFixture.SubmitComplaintTraceAsync(api, since, t =>
            t.Spans.Any(s => s.Resource == TestSystem.Reporting && s.Kind == "Consumer")
            && t.Spans.Any(s => s.Resource == TestSystem.Notifications && s.Kind == "Consumer")
            && t.Spans.Count(s => t.Parent(s) is null) == 1);

        // Sign-in: the token URL sets the cookie and lands on the Resources page.
        var dashboard = fixture.System.Dashboard;
        await page.GotoAsync(dashboard.SignInUrl!.ToString());
        Assert.Equal(new Uri(dashboard.UiEndpoint!, "/").ToString(), page.Url);
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live", new() { Timeout = 15_000 });

        // Resources: every resource of the system listed, each Healthy or Running.
        var expected = fixture.System.App.Resources.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        var rows = await Eventually.HoldsAsync(() => ResourceRowsAsync(page),
            r => r.Keys.Order(StringComparer.Ordinal).SequenceEqual(expected) && r.Values.All(s => s is "Healthy" or "Running"),
            TimeSpan.FromSeconds(30), "every resource listed and Healthy or Running");
        foreach (var service in new[] { TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting })
        {
            Assert.Equal("Healthy", rows[service]);
        }
        await browser.ScreenshotAsync("1-resources");

        // Console logs of the complaints service: the lines its process wrote.
        await page.GotoAsync($"/consolelogs?resource={TestSystem.Complaints}".Absolute(dashboard.UiEndpoint!));
        var console = page.Locator("pre.console");
        await Assertions.Expect(console).ToContainTextAsync("Now listening on", new() { Timeout = 15_000 });
        Assert.Equal(TestSystem.Complaints, await page.Locator("main select").InputValueAsync());
        await browser.ScreenshotAsync("2-console");

        // Structured logs: reporting's consumer logged the complaint it applied, linked to the complaint's trace.
        await page.GotoAsync($"/structuredlogs?resource={TestSystem.Reporting}&text=Applied".Absolute(dashboard.UiEndpoint!));
        var counted = page.Locator("main tbody tr").Filter(new() { HasText = "in region 74.71" });
        await Assertions.Expect(counted.First).ToBeVisibleAsync();
        await Assertions.Expect(counted.First.Locator($"a[href='/traces/detail/{trace.TraceId}']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("3-structured-logs");

        // Traces: the complaint's trace in the list, naming the services it crossed.
        await page.GotoAsync("/traces".Absolute(dashboard.UiEndpoint!));
        var row = page.Locator("main tbody tr").Filter(new() { Has = page.Locator($"a[href='/traces/detail/{trace.TraceId}']") });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var rowText = await row.InnerTextAsync();
        Assert.Contains("SubmitComplaint", rowText);
        foreach (var service in new[] { TestSystem.Complaints, TestSystem.Reporting, TestSystem.Notifications }) Assert.Contains(service, rowText);
        await browser.ScreenshotAsync("4-traces");

        // Its waterfall: one row per span, from the services the complaint went through.
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/traces/detail/{trace.TraceId}");
        // (Late spans, such as the ComplaintRegistered publish, may still be arriving: the page follows them live.)
        var spanRows = page.Locator(".waterfall .wf-row");
        await Eventually.HoldsAsync(async () => (Page: await spanRows.CountAsync(), Api: (await TraceJson.GetAsync(api, trace.TraceId))!.Spans.Count),
            counts => counts.Page == counts.Api && counts.Page >= trace.Spans.Count, TimeSpan.FromSeconds(15), "one waterfall row per span of the trace");
        var titles = await page.Locator(".waterfall .wf-name").EvaluateAllAsync<string[]>("names => names.map(n => n.title)");
        var resources = titles.Select(t => t[..t.IndexOf(':')]).ToHashSet();
        Assert.Superset(new HashSet<string> { TestSystem.Complaints, TestSystem.RegionDirectory, TestSystem.Reporting, TestSystem.Notifications }, resources);
        Assert.Contains(titles, t => t == $"{TestSystem.Complaints}: outbox publish ComplaintSubmitted");
        await browser.ScreenshotAsync("5-trace-waterfall");

        // A span's details: reporting's consumer span, with its parent and attributes.
        var consume = trace.Spans.First(s => s.Resource == TestSystem.Reporting && s.Kind == "Consumer");
        await page.Locator($".waterfall .wf-name[title='{TestSystem.Reporting}: {consume.Name}']").First.ClickAsync();
        var panel = page.Locator("#panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync(consume.ParentSpanId!);
        await Assertions.Expect(panel).ToContainTextAsync("Consumer");
        await Assertions.Expect(panel.Locator("h2").Filter(new() { HasText = "Attributes" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("6-span-detail");

        // Metrics: the complaints service's request duration, charted.
        await page.GotoAsync($"/metrics?resource={TestSystem.Complaints}&instrument=http.server.request.duration".Absolute(dashboard.UiEndpoint!));
        await Assertions.Expect(page.Locator(".instruments .selected")).ToContainTextAsync("http.server.request.duration");
        await Assertions.Expect(page.Locator("svg.chart")).ToBeVisibleAsync();
        // A line of at least two points (a flat one has no height, which Playwright calls hidden: its points are checked).
        await Assertions.Expect(page.Locator("svg.chart polyline[points*=' ']").First).ToHaveAttributeAsync("points", new Regex(@"^[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+"));
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("http.route=/oversight.complaints.v1.Complaints/SubmitComplaint");
        Assert.True(await page.Locator(".instruments > div").CountAsync() > 3, "the complaints service has several instruments");
        await browser.ScreenshotAsync("7-metrics");

        Assert.Empty(browser.ScriptErrors);
    }

    // Name → state of each row of the Resources table, as the page shows them.
    private static async Task<ResourceRows> ResourceRowsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll("main > table > tbody > tr")]
                .filter(tr => tr.querySelector("td > b"))
                .map(tr => [tr.querySelector("td > b").textContent, tr.querySelector(".badge").textContent]))
            """);
        return new(JsonSerializer.Deserialize<string[][]>(json)!.ToDictionary(r => r[0], r => r[1]));
    }

    private sealed class ResourceRows(Dictionary<string, string> states) : Dictionary<string, string>(states)
    {
        public override string ToString() => string.Join(", ", this.Select(r => $"{r.Key}={r.Value}"));
    }
}

internal static class DashboardUrls
{
    public static string Absolute(this string pathAndQuery, Uri ui) => new Uri(ui, pathAndQuery).ToString();
}
