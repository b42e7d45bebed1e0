namespace Oversight.Reporting.Model;

/// <summary>Percentiles by the nearest-rank method: always a value that was observed, never an interpolation.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="fraction"/> of the values at or below it; 0 when empty.</summary>
    public static double NearestRank(IReadOnlyList<double> ascending, double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), "must be in (0, 1]");
        if (ascending.Count == 0) return 0;
        var rank = (int)Math.Ceiling(fraction * ascending.Count);
        return ascending[Math.Max(rank, 1) - 1];
    }
}
