using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Oversight.Harness;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.Bench;

/// <summary>
/// Complaints accepted per second end to end (stored in PostgreSQL, ComplaintSubmitted confirmed by RabbitMQ)
/// at a given concurrency, next to the raw limits of the same run: INSERT + COMMIT on the same PostgreSQL, publish +
/// confirm on the same RabbitMQ and a bare gRPC echo on the same machine. Rounds interleave them (and the PIN's hash
/// alone, the CPU cost each registration carries), so a slow phase of the shared machine hits all of them alike.
/// </summary>
public sealed class IntakeBenchmark(BenchOptions options)
{
    // Bounded: a round whose events have not all arrived by then counts the missing ones as unconfirmed.
    private static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(60);

    public async Task<int> RunAndReportAsync()
    {
        var (rounds, rowBytes, echoBytes) = await RunAsync();
        Console.WriteLine();
        Console.WriteLine($"Median of {options.Rounds} rounds of {options.Duration.TotalSeconds:0} s, {options.Concurrency} concurrent callers, " +
                          $"{Environment.ProcessorCount} cores shared by client, services and servers; raw rows of {rowBytes} bytes, " +
                          $"echo messages of {echoBytes} bytes:");
        Console.WriteLine();
        foreach (var line in IntakeReport.MedianTable(rounds)) Console.WriteLine(line);
        return rounds.Any(r => r.Failed) ? 1 : 0;
    }

    public async Task<(IReadOnlyList<IntakeRound> Rounds, int RawRowBytes, int EchoMessageBytes)> RunAsync()
    {
        Console.WriteLine("Starting PostgreSQL, Redis, RabbitMQ, the region directory and the complaints service...");
        var servers = new TestServers();
        await servers.InitializeAsync();
        try
        {
            await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory, TestSystem.Complaints);
            var desks = await IntakeSubmissions.IntakeDesksAsync(system);
            var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
            await using var events = await IntakeEventQueue.BindAsync(system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"));
            await using var complaintsDb = NpgsqlDataSource.Create(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));

            // Warm-up: JIT, pools, the directory cache behind routing; its events drain before round 1.
            var warmUp = await IntakeAsync(client, desks, events, options.WarmUp);
            Console.WriteLine($"  warm-up: intake {warmUp.Calls.Operations} accepted, errors {warmUp.Calls.Errors}, unconfirmed {warmUp.Unconfirmed}");

            var rowBytes = Math.Max(64, await IntakeRawInserts.AverageComplaintRowBytesAsync(complaintsDb));
            var pinHash = await IntakePinHash.FromStoredHashAsync(complaintsDb);
            await using var rawDb = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("benchraw"));
            var raw = new IntakeRawInserts(rawDb, rowBytes);
            await raw.CreateTableAsync();
            await LoadRunner.RunAsync("raw warm-up", _ => raw.InsertAndCommitAsync(), options.Concurrency, options.WarmUp);
            await using var publishes = await IntakeRawPublishes.ConnectAsync(system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"), Math.Max(64, events.LastBodyBytes));
            await LoadRunner.RunAsync("publish warm-up", _ => publishes.PublishAndConfirmAsync(), options.Concurrency, options.WarmUp);
            await using var echo = await IntakeGrpcEcho.StartAsync(IntakeSubmissions.Laporan(IntakeSubmissions.Regions[0]).CalculateSize());
            await LoadRunner.RunAsync("echo warm-up", _ => echo.EchoOnceAsync(), options.Concurrency, options.WarmUp);

            var rounds = new List<IntakeRound>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var intake = await IntakeAsync(client, desks, events, options.Duration);
                var rawRun = await LoadRunner.RunAsync("raw INSERT + COMMIT", _ => raw.InsertAndCommitAsync(), options.Concurrency, options.Duration);
                var publishRun = await LoadRunner.RunAsync("raw publish + confirm", _ => publishes.PublishAndConfirmAsync(), options.Concurrency, options.Duration);
                var echoRun = await LoadRunner.RunAsync("bare gRPC echo", _ => echo.EchoOnceAsync(), options.Concurrency, options.Duration);
                var pinRun = await LoadRunner.RunAsync("PIN hash", _ => pinHash.HashOnceAsync(), options.Concurrency, options.Duration);
                var result = new IntakeRound(round, intake.Calls, intake.EndToEnd, intake.Unconfirmed, rawRun, publishRun, echoRun, pinRun, pinHash.Scheme);
                Console.WriteLine(IntakeReport.RoundLine(result));
                rounds.Add(result);
            }
            return (rounds, rowBytes, echo.MessageBytes);
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private async Task<(LatencySummary Calls, TimeSpan EndToEnd, int Unconfirmed)> IntakeAsync(
        ComplaintsClient client, IReadOnlyList<Metadata> desks, IntakeEventQueue events, TimeSpan duration)
    {
        var accepted = new ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        var calls = await LoadRunner.RunAsync("SubmitComplaint", async n =>
        {
            var desk = n % IntakeSubmissions.Regions.Length;
            var reply = await client.SubmitComplaintAsync(IntakeSubmissions.Laporan(IntakeSubmissions.Regions[desk]), desks[desk]);
            // Every benchmark laporan is complete: anything but a registration means the path measured is not the full one.
            if (reply.Status != "registered") throw new InvalidOperationException($"status {reply.Status}");
            accepted.Enqueue(reply.ComplaintId);
        }, options.Concurrency, duration);
        var callsEnded = Stopwatch.GetTimestamp();
        var (missing, lastArrival) = await events.WaitForAsync(accepted.ToArray(), ConfirmationTimeout);
        // An event can reach the queue before its caller has the answer: the round ends at the later of the two.
        var ended = Math.Max(callsEnded, lastArrival ?? callsEnded);
        return (calls, Stopwatch.GetElapsedTime(started, ended), missing);
    }
}
