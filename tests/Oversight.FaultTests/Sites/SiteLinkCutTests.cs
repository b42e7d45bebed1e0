using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Oversight.Contracts;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Reporting;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.FaultTests.Sites;

/// <summary>
/// Issue 20's fault test of a regional site: under load at the site of Nusa Tenggara Barat, the link to the centre is
/// cut for 60 s (the centre's broker refuses the site's shovel: its user's password changed and its connection
/// closed, through the centre broker's management API), intake goes on at the site, then the link is restored. After
/// it: every complaint the site OK'd is stored there with a number of one gap-free sequence, each one's events reached
/// the centre (lost 0) with submitted before registered, none arrived while the link was cut, the centre's reporting
/// counts exactly the site's complaints (duplicated 0) and, nationally, the sum of what the site and the centre (a desk
/// of another province submitting there throughout) took, and the catch-up time is reported.
/// </summary>
public sealed class SiteLinkCutTests
{
    private const string Site = "site-52-complaints";
    private const string ShovelUser = "site-52-to-centre";
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUpBound = TimeSpan.FromSeconds(180);

    private sealed record Taken(string ComplaintId, string RegistrationNumber, double AtSeconds);

    [Fact(Timeout = 900_000)]
    public async Task Under_load_the_site_takes_complaints_through_a_60_s_cut_and_the_centre_catches_up_exactly()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // The site's link check turns Degraded after 20 s of waiting, well within the cut.
        await using var host = await UnchangedAppHost.StartAsync(["--site", "52"], builder =>
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == Site))
                .WithEnvironment("Complaints__Sites__LinkDelayedAfter", "00:00:20"));
        var app = host.App;
        await app.ResourceNotifications.WaitForResourceHealthyAsync(Site).WaitAsync(TimeSpan.FromMinutes(3));
        var admin = await host.AdminHeadersAsync();
        var desks = new List<Metadata>();
        for (var i = 0; i < 4; i++) desks.Add(await host.OfficeHeadersAsync("intake_officer", "52"));
        // And a desk at the centre, for another province, throughout: the centre's count must be the sum of both sites'.
        var centreDesk = await host.OfficeHeadersAsync("intake_officer", "64");
        var reporting = new ReportingClient(GrpcChannel.ForAddress(host.Endpoint("reporting", "grpc")));
        var nationalBefore = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "" }, admin)).Totals.Total;
        using var management = await ManagementAsync(host, "messaging");
        using var siteManagement = await ManagementAsync(host, "site-52-messaging");
        var shovelPassword = await host.ParameterAsync($"messaging-{ShovelUser}-password");
        await using var events = await EventListener.ListenAsync((await app.GetConnectionStringAsync("messaging"))!,
            [typeof(ComplaintSubmitted), typeof(ComplaintRegistered)]);
        // The same events at the site, bound beside the link's queue: the order the site's relay put them in, to tell a
        // complaint's events reordered at the site from ones reordered on the way.
        await using var atTheSite = await EventListener.ListenAsync((await app.GetConnectionStringAsync("site-52-messaging"))!,
            [typeof(ComplaintSubmitted), typeof(ComplaintRegistered)]);
        var clock = Stopwatch.StartNew();
        var loadStartedAt = Stopwatch.GetTimestamp();

        // The load: four desks at the site and one at the centre, one submission after the other each, a short pause between.
        var taken = new ConcurrentQueue<Taken>();
        var takenAtCentre = new ConcurrentQueue<Taken>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        async Task SubmitUntilStoppedAsync(string service, string region, Metadata desk, ConcurrentQueue<Taken> into)
        {
            using var channel = GrpcChannel.ForAddress(host.Endpoint(service, "grpc"));
            var complaints = new ComplaintsClient(channel);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var reply = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan(region), desk, deadline: DateTime.UtcNow.AddSeconds(10));
                    into.Enqueue(new Taken(reply.ComplaintId, reply.RegistrationNumber, clock.Elapsed.TotalSeconds));
                }
                catch (RpcException ex)
                {
                    failures.Enqueue($"{service}: {ex.StatusCode} at t={clock.Elapsed.TotalSeconds:0.0}s: {ex.Status.Detail}");
                }
                await Task.Delay(100);
            }
        }
        var load = Task.WhenAll(desks.Select(desk => SubmitUntilStoppedAsync(Site, "52.71", desk, taken))
            .Append(SubmitUntilStoppedAsync("complaints", "64.03", centreDesk, takenAtCentre)));

        var timeout = TestContext.Current.CancellationToken;
        await Task.Delay(Before, timeout);
        var cutAt = clock.Elapsed.TotalSeconds;
        await SetShovelPasswordAsync(management, Guid.NewGuid().ToString("N"));
        await CloseShovelConnectionsAsync(management);
        var arrivedBeforeCut = events.Received.Count(FromTheSite);
        var deepest = 0L;
        string? delayedSeen = null;
        using var siteHttp = new HttpClient { BaseAddress = host.Endpoint(Site, "http") };
        var cutUntil = clock.Elapsed + Cut;
        while (clock.Elapsed < cutUntil)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), timeout);
            deepest = Math.Max(deepest, await SiteQueueDepthAsync(siteManagement));
            delayedSeen ??= await DelayedLinkAsync(siteHttp);
        }
        var arrivedDuringCut = events.Received.Count(FromTheSite) - arrivedBeforeCut;
        var restoredAt = clock.Elapsed.TotalSeconds;
        await SetShovelPasswordAsync(management, shovelPassword);
        await Task.Delay(After, timeout);
        await stop.CancelAsync();
        await load;
        var all = taken.ToList();
        var takenDuringCut = all.Count(t => t.AtSeconds >= cutAt && t.AtSeconds <= restoredAt);

        // Catching up: every OK'd complaint's two events at the centre.
        var ids = all.Select(t => t.ComplaintId).ToHashSet();
        await events.WaitForAsync(received => ids.All(id => received.Count(e => e.ComplaintId == id) >= 2), CatchUpBound,
            $"both events of the {ids.Count} complaints taken at the site");
        var received = events.Received.ToList();
        var catchUp = clock.Elapsed.TotalSeconds - restoredAt;
        var ofOurs = received.Where(e => e.ComplaintId is { } id && ids.Contains(id)).ToList();
        var lost = ids.Count(id => !ofOurs.Any(e => e.ComplaintId == id && e.Type == "ComplaintSubmitted"));
        var redelivered = ofOurs.Count - ofOurs.Select(e => e.Message.GetProperty("eventId").GetString()).Distinct().Count();
        var disordered = Disordered(ofOurs);
        var outOfOrder = disordered.Count;
        var atSite = atTheSite.Received.Where(e => e.ComplaintId is { } id && ids.Contains(id)).ToList();
        var outOfOrderAtSite = Disordered(atSite).Count;
        // Which, and when each of its events arrived (seconds since the load began) at the centre and at the site.
        foreach (var complaint in disordered)
        {
            string Arrivals(IEnumerable<ReceivedEvent> of) => string.Join(", ", of.Select(e =>
                $"{e.Type} {e.Message.GetProperty("eventId").GetString()} at t={Stopwatch.GetElapsedTime(loadStartedAt, e.ArrivedAt).TotalSeconds:0.0}s"));
            TestContext.Current.TestOutputHelper?.WriteLine($"out of order: {complaint.Key}: at the centre " + Arrivals(complaint)
                + "; at the site " + Arrivals(atSite.Where(e => e.ComplaintId == complaint.Key)));
        }

        // The site's own record: every OK'd complaint stored, the office's numbers one gap-free sequence.
        var numbers = await SiteNumbersAsync(app);
        var counted = await Eventually.HoldsAsync(async () => (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52" }, admin)).Totals.Total,
            total => total >= numbers.Count, TimeSpan.FromSeconds(60), "the centre's reporting counting the site's complaints");
        var sum = numbers.Count + takenAtCentre.Count;
        await Eventually.HoldsAsync(async () => (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "" }, admin)).Totals.Total - nationalBefore,
            added => added >= sum, TimeSpan.FromSeconds(60), "the centre's national count rising by what both sites took");
        await Task.Delay(TimeSpan.FromSeconds(3));
        counted = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52" }, admin)).Totals.Total;
        var nationalAdded = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = "" }, admin)).Totals.Total - nationalBefore;

        // Nothing but the shovel takes from the link's queue: a message taken and handed back (the link monitor once read
        // the head so) is forwarded after the ones the shovel took meanwhile, out of order.
        var takenByOthers = await TakenByOthersAsync(siteManagement);

        var report = $"[site-link] load: {all.Count} ok'd at the site at ~{all.Count / (restoredAt + After.TotalSeconds):0.0}/s, {takenDuringCut} of them during the cut"
            + $" | cut: t={cutAt:0.0}s to t={restoredAt:0.0}s, {arrivedDuringCut} of the site's events reached the centre meanwhile, the site's queue up to {deepest} messages"
            + $" | catch-up: {catchUp:0.0}s after the link was restored | lost={lost} counted at the centre={counted}, stored at the site={numbers.Count}"
            + $" | taken at the centre meanwhile={takenAtCentre.Count}, the centre's national count up by {nationalAdded} (site + centre = {sum})"
            + $" | redelivered by the link={redelivered} (absorbed), out of order={outOfOrder} (at the site: {outOfOrderAtSite}), taken from the link's queue by others={takenByOthers} | failed calls={failures.Count}"
            + $" | the site's /health during the cut: {delayedSeen ?? "never reported the link delayed"}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        File.AppendAllLines(FaultSuiteFixture.ReportPath, [report, .. failures.Take(5).Select(f => "    failed call: " + f)]);

        Assert.True(takenDuringCut > 0, "the site took nothing while the link was cut: " + report);
        Assert.True(delayedSeen is not null, "the site's /health never reported its link delayed during the cut");
        Assert.Equal(0, arrivedDuringCut);
        Assert.True(deepest > 0, "the site's queue never held anything during the cut: " + report);
        Assert.Equal(0, lost);
        Assert.Equal(0, takenByOthers);
        Assert.Equal(0, outOfOrderAtSite);
        Assert.Equal(0, outOfOrder);
        Assert.Empty(failures);
        Assert.True(ids.All(numbers.ContainsKey), "OK'd complaints missing at the site");
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers.Values.Select(n => int.Parse(n[(n.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture)).Order());
        Assert.Equal(numbers.Count, counted);
        Assert.True(takenAtCentre.Count > 0, "the centre took nothing: " + report);
        Assert.Equal(sum, nationalAdded);
    }

    // The complaints whose first event to arrive was not their submission.
    private static List<IGrouping<string?, ReceivedEvent>> Disordered(IEnumerable<ReceivedEvent> arrived) =>
        arrived.GroupBy(e => e.ComplaintId).Where(g => g.First().Type != "ComplaintSubmitted").ToList();

    // An event of a complaint of the site's province (the centre's own desk submits for 64.03).
    private static bool FromTheSite(ReceivedEvent e) =>
        e.Message.GetProperty("state").GetProperty("regionCode").GetString()?.StartsWith("52", StringComparison.Ordinal) == true;

    // A broker's management API as its administrator (the services' user): "messaging" (the centre) or "site-52-messaging".
    private static async Task<HttpClient> ManagementAsync(UnchangedAppHost host, string broker)
    {
        var http = new HttpClient { BaseAddress = host.Endpoint(broker, "management") };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"guest:{await host.ParameterAsync($"{broker}-password")}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    private static async Task SetShovelPasswordAsync(HttpClient management, string password) =>
        (await management.PutAsJsonAsync($"/api/users/{ShovelUser}", new { password, tags = "" })).EnsureSuccessStatusCode();

    private static async Task CloseShovelConnectionsAsync(HttpClient management)
    {
        using var connections = JsonDocument.Parse(await management.GetStringAsync("/api/connections"));
        foreach (var connection in connections.RootElement.EnumerateArray().Where(c => c.GetProperty("user").GetString() == ShovelUser))
        {
            (await management.DeleteAsync($"/api/connections/{Uri.EscapeDataString(connection.GetProperty("name").GetString()!)}")).EnsureSuccessStatusCode();
        }
    }

    // The site's site-link check once it is Degraded (its description), else null.
    private static async Task<string?> DelayedLinkAsync(HttpClient site)
    {
        using var response = await site.GetAsync("/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("checks").TryGetProperty("site-link", out var link) && link.GetProperty("status").GetString() == "Degraded"
            ? $"site-link=Degraded ({link.GetProperty("description").GetString()})"
            : null;
    }

    // What waits in the site's link queue, read through the site broker's management API.
    private static async Task<long> SiteQueueDepthAsync(HttpClient site)
    {
        using var queue = JsonDocument.Parse(await site.GetStringAsync($"/api/queues/%2F/{SiteLink.OutboundQueue}"));
        return queue.RootElement.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0;
    }

    // Messages read from the link's queue with basic.get (the broker's counters, as its management API reports them).
    private static async Task<long> TakenByOthersAsync(HttpClient site)
    {
        using var queue = JsonDocument.Parse(await site.GetStringAsync($"/api/queues/%2F/{SiteLink.OutboundQueue}"));
        if (!queue.RootElement.TryGetProperty("message_stats", out var stats)) return 0;
        long Counter(string name) => stats.TryGetProperty(name, out var value) ? value.GetInt64() : 0;
        return Counter("get") + Counter("get_no_ack") + Counter("get_empty");
    }

    private static async Task<Dictionary<string, string>> SiteNumbersAsync(DistributedApplication app)
    {
        await using var db = new NpgsqlConnection(await app.GetConnectionStringAsync("site-52-complaintsdb"));
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT id::text, registration_number FROM complaints WHERE registration_number IS NOT NULL", db);
        await using var reader = await read.ExecuteReaderAsync();
        var numbers = new Dictionary<string, string>();
        while (await reader.ReadAsync()) numbers[reader.GetString(0)] = reader.GetString(1);
        return numbers;
    }
}
