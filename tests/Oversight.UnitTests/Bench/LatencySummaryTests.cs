using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_unsorted_latencies()
    {
        var latencies = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var summary = LatencySummary.From("s", latencies, errors: 2, TimeSpan.FromSeconds(4));

        Assert.Equal((50.0, 90.0, 99.0), (summary.P50Ms, summary.P90Ms, summary.P99Ms));
        Assert.Equal(25.0, summary.OperationsPerSecond);
        Assert.Equal(2, summary.Errors);
    }

    [Fact]
    public void A_single_value_is_every_percentile_and_no_values_give_nan()
    {
        Assert.Equal(7.0, LatencySummary.Percentile([7.0], 99));
        Assert.True(double.IsNaN(LatencySummary.Percentile([], 50)));
    }
}
