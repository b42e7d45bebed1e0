using System.Diagnostics;
using Grpc.Core;
using Oversight.Harness;
using ComplaintsClient = Oversight.Contracts.Complaints.Complaints.ComplaintsClient;

namespace Oversight.Bench;

/// <summary>
/// Start-up and idle memory (issue 19, goals 3 and 4). Starts all four services, reads each one's resident memory when
/// idle after the start and again when idle after a load round; then restarts the complaints service (a clean stop and
/// start, as a deployment does) and, as soon as it is healthy, offers an open-loop intake load for three periods: the
/// first one is the "first minute after a restart", the third one, after two periods of load, the steady state.
/// </summary>
public sealed class StartupBenchmark(BenchOptions options)
{
    // Long enough for the start's own work (migrations, connections, first health checks) to be over.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LoadRound = TimeSpan.FromSeconds(30);
    private static readonly string[] Services = [TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting];

    public async Task<int> RunAndReportAsync()
    {
        Console.WriteLine("Starting PostgreSQL, Redis, RabbitMQ and all four services...");
        var servers = new TestServers();
        await servers.InitializeAsync();
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var system = await TestSystem.StartAsync(servers);
            Console.WriteLine($"  all four services healthy after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            var desks = await IntakeSubmissions.IntakeDesksAsync(system);
            var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
            Task Submit(int n) => SubmitAsync(client, desks, n);

            await Task.Delay(Idle);
            var afterStart = ReadMemory(system, "idle after start");
            var load = await OpenLoopRunner.RunAsync("load round", Submit, options.Rate, LoadRound);
            Console.WriteLine($"  {StartupReport.Line(load)}");
            await Task.Delay(Idle);
            var afterLoad = ReadMemory(system, "idle after load");

            var complaints = system.Project(TestSystem.Complaints);
            var restarts = new List<IReadOnlyList<OpenLoopRunner.Result>>();
            for (var restart = 1; restart <= options.Rounds; restart++)
            {
                var stopping = Stopwatch.GetTimestamp();
                await complaints.StopProcessAsync();
                var starting = Stopwatch.GetTimestamp();
                await complaints.StartProcessAsync();
                Console.WriteLine($"  complaints restart {restart}: stopped in {Stopwatch.GetElapsedTime(stopping, starting).TotalSeconds:0.0} s, " +
                                  $"healthy {Stopwatch.GetElapsedTime(starting).TotalSeconds:0.0} s after the start command");
                var periods = new List<OpenLoopRunner.Result>();
                foreach (var name in new[] { "first period after the restart", "second period (warm-up)", "third period (steady state)" })
                {
                    var period = await OpenLoopRunner.RunAsync(name, Submit, options.Rate, options.Duration);
                    Console.WriteLine($"  {StartupReport.Line(period)}");
                    periods.Add(period);
                }
                restarts.Add(periods);
            }
            await Task.Delay(Idle);
            var afterRestart = ReadMemory(system, "idle after the restart and its load");

            Console.WriteLine();
            foreach (var line in StartupReport.MemoryTable(Services, afterStart, afterLoad, afterRestart)) Console.WriteLine(line);
            Console.WriteLine();
            Console.WriteLine($"Complaints after a restart, open loop at {options.Rate}/s for {options.Duration.TotalSeconds:0} s per period, " +
                              $"{Environment.ProcessorCount} cores shared by client, services and servers:");
            foreach (var line in StartupReport.RestartTables(restarts.Select(r => r.Select(p => p.Summary).ToList()).ToList())) Console.WriteLine(line);
            return restarts.SelectMany(r => r).Append(load).Any(p => p.Summary.Errors > 0) ? 1 : 0;
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private static async Task SubmitAsync(ComplaintsClient client, IReadOnlyList<Metadata> desks, int n)
    {
        var desk = n % IntakeSubmissions.Regions.Length;
        var reply = await client.SubmitComplaintAsync(IntakeSubmissions.Laporan(IntakeSubmissions.Regions[desk]), desks[desk]);
        // Every benchmark laporan is complete: anything but a registration means the path measured is not the full one.
        if (reply.Status != "registered") throw new InvalidOperationException($"status {reply.Status}");
    }

    private static Dictionary<string, ProcessMemory> ReadMemory(TestSystem system, string when)
    {
        var memory = Services.ToDictionary(s => s, s => ProcessMemory.Read(system.Project(s).Pid
            ?? throw new InvalidOperationException($"{s} has no process")));
        Console.WriteLine($"  {when}: " + string.Join(", ", memory.Select(m => $"{m.Key} {m.Value}")));
        return memory;
    }
}
