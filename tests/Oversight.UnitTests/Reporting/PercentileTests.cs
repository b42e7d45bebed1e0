using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class PercentileTests
{
    [Fact]
    public void Nearest_rank_percentiles_are_observed_values()
    {
        double[] hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, Percentiles.NearestRank(hours, 0.5));
        Assert.Equal(9, Percentiles.NearestRank(hours, 0.9));
        Assert.Equal(2, Percentiles.NearestRank([1, 2, 3], 0.5));
        Assert.Equal(7, Percentiles.NearestRank([7], 0.9));
        Assert.Equal(0, Percentiles.NearestRank([], 0.5));
    }

    [Fact]
    public void A_percentile_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1], 1.5));
}
