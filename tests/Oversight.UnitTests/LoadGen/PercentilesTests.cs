using Oversight.LoadGen.Engine;

namespace Oversight.UnitTests.LoadGen;

public sealed class PercentilesTests
{
    [Fact]
    public void Nearest_rank_picks_a_value_that_was_observed()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, Percentiles.NearestRank(sorted, 50));
        Assert.Equal(10, Percentiles.NearestRank(sorted, 95));
        Assert.Equal(10, Percentiles.NearestRank(sorted, 99));
        Assert.Equal(1, Percentiles.NearestRank(sorted, 0));
    }

    [Fact]
    public void The_p99_of_a_hundred_samples_is_the_99th_not_the_maximum()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(99, Percentiles.NearestRank(sorted, 99));
        Assert.Equal(95, Percentiles.NearestRank(sorted, 95));
    }

    [Fact]
    public void Figures_come_from_unsorted_samples_and_no_samples_give_no_figures()
    {
        var figures = Percentiles.Of([30, 10, 20]);
        Assert.Equal(new LatencyFigures(3, 20, 30, 30, 30), figures);
        var none = Percentiles.Of([]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.P99Ms));
    }

    [Fact]
    public void A_percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1.0], 101));
    }
}
