namespace Oversight.Bench;

/// <summary>Throughput and latency percentiles of one timed run.</summary>
public sealed record LatencySummary(string Scenario, long Operations, long Errors, TimeSpan Elapsed, double P50Ms, double P90Ms, double P99Ms)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Summarises latencies in milliseconds (any order); percentiles by nearest rank.</summary>
    public static LatencySummary From(string scenario, IReadOnlyCollection<double> latenciesMs, long errors, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencySummary(scenario, sorted.Length, errors, elapsed,
            Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99));
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
