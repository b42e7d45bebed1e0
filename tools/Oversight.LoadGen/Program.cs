using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oversight.LoadGen;
using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Probes;
using Oversight.LoadGen.Scenarios;
using Oversight.LoadGen.Target;

// bash eng/load.sh burst|mix|situation-room [options]; see LoadOptions.Usage and docs/performance.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
// Open-loop arrivals go out from thread-pool threads: don't let the pool's slow growth delay them.
ThreadPool.SetMinThreads(64, 64);

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

Console.WriteLine(options.Target is null
    ? "Starting PostgreSQL, Redis, RabbitMQ and the four services with the test library..."
    : $"Using the running system at {options.Target["complaints"]}...");
await using LoadTarget target = options.Target is { } urls
    ? new RemoteTarget(urls, options.AdminClient!, options.AdminSecret!)
    : await SelfStartedTarget.StartAsync(options.Environment);

Console.WriteLine($"Preparing {options.Offices} offices (a Bawaslu office and an office client each) and a national client...");
var fixture = await LoadFixture.PrepareAsync(target, options.Offices);
var context = new ScenarioContext(target, fixture);
IScenario scenario = options.Scenario switch
{
    "burst" => new BurstScenario(context),
    "mix" => new MixScenario(context),
    _ => new SituationRoomScenario(context, options.Seed, options.Watchers),
};
// The session's reporting watch starts before the scenario's own preparation, so complaints it seeds are expected downstream too.
await using var session = await LoadSession.StartAsync(target, context, options.Settle);
await scenario.PrepareAsync();

Console.WriteLine($"Scenario {scenario.Name}: {scenario.Proportions}");
var idleLoad = CpuSampler.LoadAverage();
var idle = await session.IdleCpuAsync(TimeSpan.FromSeconds(5));
if (idle.Count > 0) Console.WriteLine($"Idle for 5 s (load average {idleLoad}): {ConsoleReport.Cpu(idle)}");
var runs = new List<RunReport>();
double? highest = null;
if (options.FindMax)
{
    var shapes = FindMax.Rates(options.FindFrom, options.FindFactor, options.FindUpTo).Select(r => new LoadShape.Open(r, options.MaxInFlight));
    Console.WriteLine($"Warm-up: {options.WarmUp.TotalSeconds:0} s at {ConsoleReport.Rate(options.FindFrom)}/s, unmeasured (the services compile their hot paths first)...");
    await session.WarmUpAsync(scenario, new LoadShape.Open(options.FindFrom, options.MaxInFlight), options.WarmUp);
    var limitBroken = false;
    foreach (var shape in shapes)
    {
        Console.WriteLine($"Step: {shape} for {options.Duration.TotalSeconds:0} s...");
        var run = await session.MeasureAsync(scenario, shape, options.Duration);
        runs.Add(run);
        foreach (var line in ConsoleReport.Run(run)) Console.WriteLine("  " + line);
        if (run.Holds(options.P99LimitMs) && !limitBroken)
        {
            highest = shape.RatePerSecond;
            continue;
        }
        limitBroken = true;
        // --through: keep stepping past the limit to show where intake saturates (calls fail or fall behind the offered rate).
        if (!options.Through || run.Saturated) break;
    }
    Console.WriteLine();
    Console.WriteLine($"Intake burst, open loop, {options.Offices} offices, {options.Duration.TotalSeconds:0} s per step, {Environment.ProcessorCount} cores shared by the load generator, services and servers:");
    Console.WriteLine();
    foreach (var line in ConsoleReport.Steps(runs, options.P99LimitMs)) Console.WriteLine(line);
    Console.WriteLine();
    Console.WriteLine(highest is { } h
        ? $"Highest offered rate with SubmitComplaint p99 < {options.P99LimitMs:0} ms and no error: {ConsoleReport.Rate(h)}/s"
        : $"No step held SubmitComplaint p99 < {options.P99LimitMs:0} ms with no error (lowest step {ConsoleReport.Rate(options.FindFrom)}/s)");
}
else
{
    await session.WarmUpAsync(scenario, options.Shape, options.WarmUp);
    Console.WriteLine($"Measuring: {options.Shape} for {options.Duration.TotalSeconds:0} s...");
    var run = await session.MeasureAsync(scenario, options.Shape, options.Duration);
    runs.Add(run);
    Console.WriteLine();
    foreach (var line in ConsoleReport.Run(run)) Console.WriteLine(line);
}

if (scenario is IAsyncDisposable disposable) await disposable.DisposeAsync();
var report = new LoadReport(scenario.Name, scenario.Proportions, target.Description, options.Offices, Environment.ProcessorCount,
    options.FindMax ? "open loop, rising rate" : options.Shape.ToString(), options.Duration.TotalSeconds, idle, idleLoad, runs, highest,
    options.FindMax ? options.P99LimitMs : null);
if (options.JsonFile is { } file)
{
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    }));
    Console.WriteLine($"JSON report written to {file}");
}
// A single run fails the command when calls failed or complaints never showed downstream; a find-max search is expected to end on a failing step.
return options.FindMax || runs.All(r => r.Run.Total.Errors == 0 && r.ToReporting.Missing == 0 && r.ToWebhook.Missing == 0) ? 0 : 1;
