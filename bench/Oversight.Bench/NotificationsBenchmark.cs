using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Harness;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Notifications.Notifications;

namespace Oversight.Bench;

/// <summary>
/// Webhook deliveries per second and the delay from a complaint's commit to its webhook arriving. A national
/// subscription to ComplaintSubmitted points at a loopback receiver (<see cref="NotificationsWebhookSink"/>). Each
/// round: complaints submitted through the complaints service at the stated concurrency (the whole path: intake,
/// outbox, relay, RabbitMQ, notifications, HTTP), then a burst of ComplaintSubmitted events published straight onto
/// the exchange (the notifications service alone, its queue backed up).
/// </summary>
public sealed class NotificationsBenchmark(BenchOptions options)
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(90);

    // Small by default: the service delivers tens of webhooks a second on the shared machine, and a default run stays near 3 minutes.
    private int BurstEvents => options.Events ?? 300;

    public async Task<int> RunAndReportAsync()
    {
        var rounds = await RunAsync();
        Console.WriteLine();
        Console.WriteLine($"Median of {options.Rounds} rounds; intake by {options.Concurrency} concurrent callers for {options.Duration.TotalSeconds:0} s, " +
                          $"then bursts of {BurstEvents} events from {options.Concurrency} publishers; {Environment.ProcessorCount} cores shared by client, services and servers:");
        Console.WriteLine();
        foreach (var line in PropagationReport.MedianTable("deliveries/s", rounds)) Console.WriteLine(line);
        return rounds.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
    }

    public async Task<IReadOnlyList<IReadOnlyList<LatencySummary>>> RunAsync()
    {
        Console.WriteLine("Starting PostgreSQL, Redis, RabbitMQ, the region directory, the complaints and the notifications service...");
        var servers = new TestServers();
        await servers.InitializeAsync();
        var arrivals = new NotificationsArrivals();
        await using var sink = new NotificationsWebhookSink(arrivals);
        try
        {
            await using var system = await TestSystem.StartWithNotificationSettingsAsync(servers, new Dictionary<string, string>
            {
                // The receiver listens on loopback, which production refuses; every other delivery setting is the default.
                ["Notifications__Webhooks__AllowPrivateAddresses"] = "true",
            }, TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications);
            await SubscribeAsync(system, sink.Url);
            var desks = await IntakeSubmissions.IntakeDesksAsync(system);
            var complaints = new ComplaintsClient(system.Channel(TestSystem.Complaints));
            await using var publisher = await RabbitEventPublisher.ConnectAsync(system.Setting(TestSystem.Notifications, "ConnectionStrings__messaging"), options.Concurrency);
            await publisher.DeclareAsync(typeof(ComplaintSubmitted));

            // Warm-up: JIT, pools, the directory's routing and recipients, the subscription cache; all delivered before round 1.
            Console.WriteLine(PropagationReport.RoundLine(0, await IntakeAsync("warm-up intake", options.WarmUp, complaints, desks, arrivals)));
            Console.WriteLine(PropagationReport.RoundLine(0, await PublishedAsync("warm-up burst", Math.Min(BurstEvents, 100), publisher, arrivals)));

            var intake = new List<LatencySummary>();
            var published = new List<LatencySummary>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                intake.Add(await IntakeAsync($"Through intake: SubmitComplaint by {options.Concurrency} callers for {options.Duration.TotalSeconds:0} s",
                    options.Duration, complaints, desks, arrivals));
                Console.WriteLine(PropagationReport.RoundLine(round, intake[^1]));
                published.Add(await PublishedAsync($"Straight onto the exchange: burst of {BurstEvents} ComplaintSubmitted, {options.Concurrency} publishers",
                    BurstEvents, publisher, arrivals));
                Console.WriteLine(PropagationReport.RoundLine(round, published[^1]));
            }
            Console.WriteLine($"  duplicate webhook arrivals over the run: {arrivals.Duplicates}; deliveries the service stored over the run: " +
                              await NotificationsDeliveryCounts.DescribeAsync(system.Setting(TestSystem.Notifications, "ConnectionStrings__notificationsdb")));
            return [intake, published];
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private async Task<LatencySummary> IntakeAsync(string scenario, TimeSpan duration, ComplaintsClient client, IReadOnlyList<Metadata> desks,
        NotificationsArrivals arrivals)
    {
        var ids = new ConcurrentQueue<string>();
        var started = DateTimeOffset.UtcNow;
        var calls = await LoadRunner.RunAsync("SubmitComplaint", async n =>
        {
            var desk = n % IntakeSubmissions.Regions.Length;
            var reply = await client.SubmitComplaintAsync(IntakeSubmissions.Laporan(IntakeSubmissions.Regions[desk]), desks[desk]);
            // The OK answer comes after the commit that also wrote the event to the outbox: the delay starts here.
            arrivals.Started(reply.ComplaintId, DateTimeOffset.UtcNow);
            ids.Enqueue(reply.ComplaintId);
        }, options.Concurrency, duration);
        Console.WriteLine($"  {scenario}: {calls.Operations} submitted, {IntakeReport.Rate(calls.OperationsPerSecond)}/s, call p50 {calls.P50Ms:0.0} ms, p99 {calls.P99Ms:0.0} ms, errors {calls.Errors}");
        var result = await ArrivedAsync(scenario, started, ids.ToArray(), arrivals);
        return result with { Errors = result.Errors + calls.Errors };
    }

    private static async Task<LatencySummary> PublishedAsync(string scenario, int count, RabbitEventPublisher publisher, NotificationsArrivals arrivals)
    {
        var ids = new ConcurrentQueue<string>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await publisher.BurstAsync(count, Submitted, (evt, _) =>
        {
            var id = ((ComplaintSubmitted)evt).ComplaintId.ToString();
            arrivals.Started(id, DateTimeOffset.UtcNow);
            ids.Enqueue(id);
        });
        Console.WriteLine($"  {scenario}: published {count} in {clock.Elapsed.TotalSeconds:0.00} s ({IntakeReport.Rate(count / clock.Elapsed.TotalSeconds)}/s confirmed)");
        return await ArrivedAsync(scenario, started, ids.ToArray(), arrivals);
    }

    // Waits until every complaint's webhook arrived (or the time is up: the rest count as missing).
    private static async Task<LatencySummary> ArrivedAsync(string scenario, DateTimeOffset started, IReadOnlyCollection<string> ids, NotificationsArrivals arrivals)
    {
        var waiting = Stopwatch.StartNew();
        var result = arrivals.Of(ids);
        while (result.Missing > 0 && waiting.Elapsed < ArrivalTimeout)
        {
            await Task.Delay(20);
            result = arrivals.Of(ids);
        }
        return LatencySummary.From(scenario, result.DelaysMs, result.Missing, (result.LastArrival ?? DateTimeOffset.UtcNow) - started);
    }

    // A registered laporan's event as the complaints service publishes it, in one of the regions with their own office.
    private static IntegrationEvent Submitted(int index)
    {
        var region = IntakeSubmissions.Regions[index % IntakeSubmissions.Regions.Length];
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var state = new ComplaintState
        {
            Version = 1, Status = "registered", Kind = "laporan", RegionCode = region, ViolationType = 2, HandlingRegionCode = region,
            RegistrationNumber = $"{region}/LP/2026/{id.ToString()[..6]}", ReceivedAt = now,
        };
        return new ComplaintSubmitted
        {
            ComplaintId = id, RegionCode = region, State = state, ViolationType = 2, HandlingOffice = "Bawaslu " + region, HandlingRegionCode = region,
            Kind = "laporan", Status = "registered", RegistrationNumber = state.RegistrationNumber, ReceivedAt = now,
        };
    }

    // A national integrator's subscription to ComplaintSubmitted, as an integrator would make it.
    private static async Task SubscribeAsync(TestSystem system, string url)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(system.Channel(TestSystem.RegionDirectory));
        var integrator = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Benchmark integrator (national)",
            RegionCode = "",
            Roles = { "integrator" },
        }, await system.AdminHeadersAsync());
        var headers = TestSystem.Bearer(await system.TokenAsync(integrator.Client.ClientId, integrator.ClientSecret));
        await new NotificationsClient(system.Channel(TestSystem.Notifications)).CreateSubscriptionAsync(
            new CreateSubscriptionRequest { Url = url, RegionCode = "", EventTypes = { "ComplaintSubmitted" } }, headers);
    }
}
