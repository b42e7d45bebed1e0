using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class PropagationReportTests
{
    private static LatencySummary Run(string scenario, long arrived, double seconds, double p50, long missing = 0) =>
        new(scenario, arrived, missing, TimeSpan.FromSeconds(seconds), p50, p50 * 2, p50 * 4);

    [Fact]
    public void Each_scenario_is_the_round_with_its_median_rate_with_that_rounds_delays()
    {
        // Burst rates 100/s, 300/s, 200/s: the median is the 200/s round (p50 20). Paced: 50/s in both, the later one kept.
        IReadOnlyList<LatencySummary> burst = [Run("burst", 500, 5, 10), Run("burst", 600, 2, 30), Run("burst", 400, 2, 20)];
        IReadOnlyList<LatencySummary> paced = [Run("paced", 250, 5, 8, missing: 1), Run("paced", 250, 5, 9)];

        var table = PropagationReport.MedianTable("applied/s", [burst, paced]);

        Assert.Equal("| scenario | arrived | applied/s | delay p50 ms | p90 ms | p99 ms | missing |", table[0]);
        Assert.Equal("| burst | 400 | 200 | 20.0 | 40.0 | 80.0 | 0 |", table[2]);
        Assert.Equal("| paced | 250 | 50.0 | 9.0 | 18.0 | 36.0 | 0 |", table[3]);
        Assert.Equal(4, table.Count);
    }

    [Fact]
    public void A_round_line_names_the_arrivals_the_rate_and_the_missing()
    {
        var line = PropagationReport.RoundLine(2, Run("burst", 300, 1.5, 12.34, missing: 3));

        Assert.Equal("  round 2: burst: 300 arrived in 1.50 s, 200/s, delay p50 12.3 ms, p90 24.7 ms, p99 49.4 ms, missing 3", line);
    }

    [Fact]
    public void A_scenario_without_rounds_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PropagationReport.MedianTable("x/s", [Array.Empty<LatencySummary>()]));
    }
}
