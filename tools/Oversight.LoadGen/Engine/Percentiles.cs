namespace Oversight.LoadGen.Engine;

/// <summary>Nearest-rank percentiles: the smallest value with at least p% of the values at or below it (no interpolation, so every figure is a latency someone saw).</summary>
public static class Percentiles
{
    /// <summary>The p-th percentile of values already sorted ascending; NaN when there are none.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        if (p is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is between 0 and 100");
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>p50, p95, p99 and the maximum of values in any order.</summary>
    public static LatencyFigures Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new LatencyFigures(sorted.Length, NearestRank(sorted, 50), NearestRank(sorted, 95), NearestRank(sorted, 99),
            sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}

/// <summary>Latency percentiles of a set of samples, in milliseconds.</summary>
public sealed record LatencyFigures(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
