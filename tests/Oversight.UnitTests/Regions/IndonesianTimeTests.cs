using Oversight.Regions;

namespace Oversight.UnitTests.Regions;

public sealed class IndonesianTimeTests
{
    [Fact]
    public void An_instant_belongs_to_its_WIB_date()
    {
        // 17:00 UTC is midnight WIB: one second earlier is still the previous day.
        Assert.Equal(new DateOnly(2024, 10, 6), IndonesianTime.DateOf(new DateTimeOffset(2024, 10, 6, 16, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2024, 10, 7), IndonesianTime.DateOf(new DateTimeOffset(2024, 10, 6, 17, 0, 0, TimeSpan.Zero)));
        // 00:30 WITA (UTC+8) in Mataram is still the day before in WIB.
        Assert.Equal(new DateOnly(2024, 10, 6), IndonesianTime.DateOf(new DateTimeOffset(2024, 10, 7, 0, 30, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void A_day_starts_at_midnight_WIB_which_is_17_00_UTC_the_day_before()
    {
        var start = IndonesianTime.StartOf(new DateOnly(2024, 10, 7));
        Assert.Equal(TimeSpan.FromHours(7), start.Offset);
        Assert.Equal(new DateTimeOffset(2024, 10, 6, 17, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateOnly(2024, 10, 7), IndonesianTime.DateOf(start));
        Assert.Equal(new DateOnly(2024, 10, 6), IndonesianTime.DateOf(start.AddTicks(-1)));
    }

    [Fact]
    public void Today_is_the_date_in_Jakarta()
    {
        // 17:30 UTC on 31 Oct is 00:30 WIB on 1 Nov.
        var clock = new FixedClock(new DateTimeOffset(2024, 10, 31, 17, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2024, 11, 1), IndonesianTime.Today(clock));
    }

    [Fact]
    public void Dates_are_read_as_yyyy_MM_dd_exactly()
    {
        Assert.All(new[] { "2024-11-01", "2024-02-29" }, text => Assert.True(IndonesianTime.TryParse(text, out _), text));
        Assert.All(new string?[] { "2024-02-30", "01-11-2024", " 2024-11-01", "2024-11-01\n", "", null },
            text => Assert.False(IndonesianTime.TryParse(text, out _), text));
    }

    [Fact]
    public void Dates_are_written_as_yyyy_MM_dd_and_read_back()
    {
        Assert.Equal("2024-09-05", IndonesianTime.Format(new DateOnly(2024, 9, 5)));
        Assert.True(IndonesianTime.TryParse("2024-09-05", out var date));
        Assert.Equal(new DateOnly(2024, 9, 5), date);
    }

    [Fact]
    public void An_instant_is_shown_in_WIB()
    {
        Assert.Equal("2024-10-07 00:00 WIB", IndonesianTime.Display(new DateTimeOffset(2024, 10, 6, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2024-10-07 08:30 WIB", IndonesianTime.Display(new DateTimeOffset(2024, 10, 7, 9, 30, 0, TimeSpan.FromHours(8))));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
