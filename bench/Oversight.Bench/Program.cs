using System.Globalization;
using Oversight.Bench;

// bash eng/bench.sh directory|intake|notifications|reporting|startup [--seconds 10] [--concurrency 16] [--rounds 3] [--warmup 3] [--events N] [--rate 50]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var scenario = args.FirstOrDefault();
// Not a benchmark: the intake benchmark starts this program again as the server of its bare gRPC echo.
if (scenario == EchoServer.Argument) return await EchoServer.RunAsync();
if (scenario is not ("directory" or "intake" or "notifications" or "reporting" or "startup"))
{
    Console.Error.WriteLine("usage: Oversight.Bench directory|intake|notifications|reporting|startup [--seconds N] [--concurrency N] [--rounds N] [--warmup N] [--events N] [--rate N]");
    return 2;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args.Skip(1).ToList());
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (scenario == "intake") return await new IntakeBenchmark(options).RunAndReportAsync();
if (scenario == "notifications") return await new NotificationsBenchmark(options).RunAndReportAsync();
// The start-up scenario's periods are minutes unless --seconds says otherwise, and it restarts once unless --rounds says.
if (scenario == "startup")
{
    var startup = options with
    {
        Duration = args.Contains("--seconds") ? options.Duration : TimeSpan.FromSeconds(60),
        Rounds = args.Contains("--rounds") ? options.Rounds : 1,
    };
    return await new StartupBenchmark(startup).RunAndReportAsync();
}
if (scenario == "reporting") return await new ReportingBenchmark(options).RunAndReportAsync();

var results = await new DirectoryBenchmark(options).RunAsync();
Console.WriteLine();
Console.WriteLine($"Median of {options.Rounds} rounds of {options.Duration.TotalSeconds:0} s, {options.Concurrency} concurrent callers, {Environment.ProcessorCount} cores shared by client and servers:");
Console.WriteLine();
Console.WriteLine("| scenario | ops/s | p50 ms | p90 ms | p99 ms | errors | ops/s vs first |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine($"| {r.Scenario} | {r.OperationsPerSecond:0} | {r.P50Ms:0.00} | {r.P90Ms:0.00} | {r.P99Ms:0.00} | {r.Errors} | {r.OperationsPerSecond / results[0].OperationsPerSecond:0.00}x |");
}
return results.Any(r => r.Errors > 0) ? 1 : 0;
