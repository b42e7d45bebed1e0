using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class WibCalendarAndPercentileTests
{
    [Fact]
    public void A_receipt_late_in_the_utc_evening_counts_for_the_next_wib_day()
    {
        Assert.Equal(new DateOnly(2024, 10, 2), WibCalendar.DateOf(DateTimeOffset.Parse("2024-10-01T17:00:00Z")));
        Assert.Equal(new DateOnly(2024, 10, 1), WibCalendar.DateOf(DateTimeOffset.Parse("2024-10-01T16:59:59Z")));
        // A Mataram desk (WITA, UTC+8) at 00:30 is still the previous day in WIB.
        Assert.Equal(new DateOnly(2024, 10, 1), WibCalendar.DateOf(DateTimeOffset.Parse("2024-10-02T00:30:00+08:00")));
    }

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
