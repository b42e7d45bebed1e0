using Oversight.LoadGen.Engine;

namespace Oversight.UnitTests.LoadGen;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Arrivals_are_due_at_fixed_intervals_from_the_start()
    {
        var schedule = new ArrivalSchedule(50);
        Assert.Equal(TimeSpan.Zero, schedule.DueAt(0));
        Assert.Equal(TimeSpan.FromMilliseconds(20), schedule.DueAt(1));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.DueAt(100));
    }

    [Fact]
    public void The_count_due_catches_up_after_a_stall_instead_of_skipping_arrivals()
    {
        var schedule = new ArrivalSchedule(100);
        Assert.Equal(1, schedule.DueBy(TimeSpan.Zero));
        Assert.Equal(1, schedule.DueBy(TimeSpan.FromMilliseconds(9.9)));
        Assert.Equal(2, schedule.DueBy(TimeSpan.FromMilliseconds(10)));
        // The pacer was stalled for half a second: all 50 arrivals of that time are due now, none is dropped.
        Assert.Equal(51, schedule.DueBy(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(0, schedule.DueBy(TimeSpan.FromMilliseconds(-1)));
    }

    [Fact]
    public void A_run_schedules_rate_times_duration_arrivals()
    {
        Assert.Equal(200, new ArrivalSchedule(20).CountWithin(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, new ArrivalSchedule(2.5).CountWithin(TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_positive_is_refused(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArrivalSchedule(rate));
    }
}
