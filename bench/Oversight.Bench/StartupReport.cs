namespace Oversight.Bench;

/// <summary>The lines and Markdown tables of the start-up benchmark.</summary>
public static class StartupReport
{
    /// <summary>The issue's goal 4: each service idles at 120 MB RSS or less.</summary>
    public const double RssLimitMb = 120;

    /// <summary>The issue's goal 3: the first minute's p99 within this factor of the steady state's.</summary>
    public const double FirstMinuteP99Factor = 2;

    public static string Line(OpenLoopRunner.Result run)
    {
        var s = run.Summary;
        return $"{s.Scenario}: {s.Operations} OK in {s.Elapsed.TotalSeconds:0.0} s, p50 {s.P50Ms:0.0} ms, p90 {s.P90Ms:0.0} ms, " +
               $"p99 {s.P99Ms:0.0} ms, errors {s.Errors} {run.ErrorReasons}; slowest 1 % due at {run.SlowestSeconds()}";
    }

    public static IReadOnlyList<string> MemoryTable(IReadOnlyList<string> services, params IReadOnlyDictionary<string, ProcessMemory>[] readings)
    {
        var lines = new List<string>
        {
            $"| service: VmRSS, MB (anon + file + shmem; PSS) | idle after start | idle after load | idle after the complaints restart and its load | limit {RssLimitMb:0} MB |",
            "|---|---:|---:|---:|---|",
        };
        foreach (var service in services)
        {
            var cells = readings.Select(r => $"{r[service].RssMb:0} ({r[service].AnonMb:0} + {r[service].FileMb:0} + {r[service].ShmemMb:0}; {r[service].PssMb:0})");
            var within = readings.All(r => r[service].RssMb <= RssLimitMb) ? "met" : "exceeded";
            lines.Add($"| {service} | {string.Join(" | ", cells)} | {within} |");
        }
        return lines;
    }

    /// <summary>One table per restart, each with its ratio, then the median ratio over the restarts.</summary>
    public static IReadOnlyList<string> RestartTables(IReadOnlyList<IReadOnlyList<LatencySummary>> restarts)
    {
        var lines = new List<string>();
        var ratios = new List<double>();
        foreach (var (periods, n) in restarts.Select((p, i) => (p, i + 1)))
        {
            var ratio = periods[0].P99Ms / periods[^1].P99Ms;
            ratios.Add(ratio);
            lines.Add("");
            lines.Add($"Restart {n}:");
            lines.Add("");
            lines.Add("| period | calls OK | p50 ms | p90 ms | p99 ms | errors |");
            lines.Add("|---|---:|---:|---:|---:|---:|");
            lines.AddRange(periods.Select(p => $"| {p.Scenario} | {p.Operations} | {p.P50Ms:0.0} | {p.P90Ms:0.0} | {p.P99Ms:0.0} | {p.Errors} |"));
            lines.Add("");
            lines.Add($"First period p99 / steady p99: {ratio:0.00}x");
        }
        var median = LatencySummary.Percentile(ratios.Order().ToArray(), 50);
        lines.Add("");
        lines.Add($"Median over {ratios.Count} restart(s) of first period p99 / steady p99: {median:0.00}x " +
                  $"(goal: {FirstMinuteP99Factor:0}x or less, {(median <= FirstMinuteP99Factor ? "met" : "not met")})");
        return lines;
    }
}
