using System.Diagnostics;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Harness;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.Bench;

/// <summary>
/// Complaint events applied per second by the reporting service, and the delay from an event's publish (confirmed by
/// RabbitMQ) to the national summary reflecting it. Events go straight onto the exchanges, as the complaints service's
/// relay sends them (<see cref="ReportingWorkload"/>); a WatchSummary stream on the nation sees the results
/// (<see cref="ReportingSummaryWatch"/>). Each round: a burst published as fast as the confirms allow (the service's
/// own rate: the queue backs up), then a paced load (the delay at a stated rate the service keeps up with).
/// </summary>
public sealed class ReportingBenchmark(BenchOptions options)
{
    private static readonly TimeSpan ReflectionTimeout = TimeSpan.FromSeconds(90);

    // Large enough that a burst lasts seconds, not a fraction of one, even when the service applies hundreds a second.
    private int BurstEvents => options.Events ?? 1000;

    public async Task<int> RunAndReportAsync()
    {
        var rounds = await RunAsync();
        Console.WriteLine();
        Console.WriteLine($"Median of {options.Rounds} rounds; bursts of {BurstEvents} events from {options.Concurrency} publishers, " +
                          $"then {options.Rate} events/s for {options.Duration.TotalSeconds:0} s; {Environment.ProcessorCount} cores shared by client, services and servers:");
        Console.WriteLine();
        foreach (var line in PropagationReport.MedianTable("applied/s", rounds)) Console.WriteLine(line);
        return rounds.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
    }

    public async Task<IReadOnlyList<IReadOnlyList<LatencySummary>>> RunAsync()
    {
        var regencies = File.ReadLines(SharedData.RegenciesCsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0].Trim()).ToList();
        Console.WriteLine($"Starting PostgreSQL, Redis, RabbitMQ, the region directory and the reporting service ({regencies.Count} regencies)...");
        var servers = new TestServers();
        await servers.InitializeAsync();
        try
        {
            await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory, TestSystem.Reporting);
            var client = new ReportingClient(system.Authorized(TestSystem.Reporting, await system.AdminTokenAsync()));
            var reflections = new ReportingReflections();
            await using var watch = new ReportingSummaryWatch(client, reflections);
            await using var publisher = await RabbitEventPublisher.ConnectAsync(system.Setting(TestSystem.Reporting, "ConnectionStrings__messaging"), options.Concurrency);
            await publisher.DeclareAsync(typeof(ComplaintSubmitted));
            await publisher.DeclareAsync(typeof(ComplaintStatusChanged));
            var workload = new ReportingWorkload(regencies);

            // Warm-up (round 0): JIT, pools, the consumer's queue, and a province row for most provinces.
            var warmUp = await BurstAsync(0, "warm-up", Math.Max(200, options.Concurrency * 10), publisher, workload, reflections, watch);
            Console.WriteLine(PropagationReport.RoundLine(0, warmUp));

            var burst = new List<LatencySummary>();
            var paced = new List<LatencySummary>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Batches number the scenarios of each round apart (0 is the warm-up): 2r - 1 the burst, 2r the paced load.
                burst.Add(await BurstAsync(2 * round - 1, $"Burst of {BurstEvents} events, {options.Concurrency} publishers, as fast as confirmed",
                    BurstEvents, publisher, workload, reflections, watch));
                Console.WriteLine(PropagationReport.RoundLine(round, burst[^1]));
                paced.Add(await PacedAsync(2 * round, publisher, workload, reflections, watch));
                Console.WriteLine(PropagationReport.RoundLine(round, paced[^1]));
            }
            Console.WriteLine($"  national total in the summary at the end: {watch.NationalTotal}, summaries streamed: {watch.Updates}");
            return [burst, paced];
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private async Task<LatencySummary> BurstAsync(int batch, string scenario, int count, RabbitEventPublisher publisher,
        ReportingWorkload workload, ReportingReflections reflections, ReportingSummaryWatch watch)
    {
        var started = Stopwatch.GetTimestamp();
        await publisher.BurstAsync(count, workload.Make, Confirmed(batch, workload, reflections));
        var published = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"  {scenario}: published {count} in {published.TotalSeconds:0.00} s ({IntakeReport.Rate(count / published.TotalSeconds)}/s confirmed)");
        return await SummaryAsync(batch, scenario, started, reflections, watch);
    }

    private async Task<LatencySummary> PacedAsync(int batch, RabbitEventPublisher publisher, ReportingWorkload workload,
        ReportingReflections reflections, ReportingSummaryWatch watch)
    {
        var started = Stopwatch.GetTimestamp();
        await publisher.PacedAsync(options.Rate, options.Duration, workload.Make, Confirmed(batch, workload, reflections));
        return await SummaryAsync(batch, $"Paced at {options.Rate} events/s for {options.Duration.TotalSeconds:0} s", started, reflections, watch);
    }

    private static Action<IntegrationEvent, long> Confirmed(int batch, ReportingWorkload workload, ReportingReflections reflections) =>
        (evt, at) =>
        {
            reflections.Published(ReportingWorkload.CounterOf(evt), at, batch);
            workload.Confirmed(evt);
        };

    // Waits until every event of the batch shows in the summary (or the time is up: the rest count as missing).
    private static async Task<LatencySummary> SummaryAsync(int batch, string scenario, long started, ReportingReflections reflections, ReportingSummaryWatch watch)
    {
        var waiting = Stopwatch.StartNew();
        var result = reflections.Of(batch);
        while (result.Missing > 0 && waiting.Elapsed < ReflectionTimeout && !watch.Failed)
        {
            await Task.Delay(20);
            result = reflections.Of(batch);
        }
        if (watch.Failed) Console.WriteLine("  the WatchSummary stream failed: " + watch.Failure);
        var elapsed = Stopwatch.GetElapsedTime(started, result.LastReflected ?? Stopwatch.GetTimestamp());
        return LatencySummary.From(scenario, result.DelaysMs, result.Missing, elapsed);
    }
}
