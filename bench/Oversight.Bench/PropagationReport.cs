namespace Oversight.Bench;

/// <summary>
/// The round lines and the Markdown table of medians of the benchmarks that follow events from their start (a
/// submit answered OK, a publish confirmed) to where they arrive (a webhook, the summary). In each
/// <see cref="LatencySummary"/>: Operations are the events that arrived, Errors those that never did, Elapsed runs
/// from the first start to the last arrival, and the latencies are the per-event delays.
/// </summary>
public static class PropagationReport
{
    public static string RoundLine(int round, LatencySummary s) =>
        $"  round {round}: {s.Scenario}: {s.Operations} arrived in {s.Elapsed.TotalSeconds:0.00} s, {IntakeReport.Rate(s.OperationsPerSecond)}/s, " +
        $"delay p50 {s.P50Ms:0.0} ms, p90 {s.P90Ms:0.0} ms, p99 {s.P99Ms:0.0} ms, missing {s.Errors}";

    /// <summary>
    /// One row per scenario: the round with the median rate stands for it (its delays come from the same round).
    /// <paramref name="rateHeader"/> names what is counted per second.
    /// </summary>
    public static IReadOnlyList<string> MedianTable(string rateHeader, IReadOnlyList<IReadOnlyList<LatencySummary>> roundsPerScenario)
    {
        var lines = new List<string>
        {
            $"| scenario | arrived | {rateHeader} | delay p50 ms | p90 ms | p99 ms | missing |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var rounds in roundsPerScenario)
        {
            if (rounds.Count == 0) throw new ArgumentException("a scenario without rounds", nameof(roundsPerScenario));
            var median = rounds.OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
            lines.Add($"| {median.Scenario} | {median.Operations} | {IntakeReport.Rate(median.OperationsPerSecond)} | {median.P50Ms:0.0} | {median.P90Ms:0.0} | {median.P99Ms:0.0} | {median.Errors} |");
        }
        return lines;
    }
}
