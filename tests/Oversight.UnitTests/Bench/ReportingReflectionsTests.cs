using System.Diagnostics;
using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class ReportingReflectionsTests
{
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void The_kth_event_of_a_counter_is_reflected_when_the_counter_first_shows_k()
    {
        var reflections = new ReportingReflections();
        reflections.Published("52|total", Ms(100), batch: 1);
        reflections.Published("52|total", Ms(110), batch: 1);
        reflections.Observed("52|total", 1, Ms(150));
        reflections.Observed("52|total", 1, Ms(160)); // seen again unchanged: the first sighting counts
        reflections.Observed("52|total", 2, Ms(300));

        var (delays, missing, last) = reflections.Of(1);

        Assert.Equal(0, missing);
        Assert.Equal([50.0, 190.0], delays.Order().Select(d => Math.Round(d)));
        Assert.Equal(Ms(300), last);
    }

    [Fact]
    public void A_jump_of_several_reflects_each_of_them_at_once_and_counters_are_kept_apart()
    {
        var reflections = new ReportingReflections();
        reflections.Published("64|total", Ms(10), 1);
        reflections.Published("64|total", Ms(20), 1);
        reflections.Published("64|under_review", Ms(30), 1);
        reflections.Observed("64|total", 2, Ms(100));

        var (delays, missing, last) = reflections.Of(1);

        Assert.Equal([80.0, 90.0], delays.Order().Select(d => Math.Round(d)));
        Assert.Equal(1, missing); // the review start is not in the summary yet
        Assert.Equal(Ms(100), last);
    }

    [Fact]
    public void A_batch_is_matched_after_the_earlier_batches_of_the_same_counter()
    {
        var reflections = new ReportingReflections();
        reflections.Published("74|total", Ms(0), batch: 0);
        reflections.Published("74|total", Ms(500), batch: 1);
        reflections.Observed("74|total", 1, Ms(100));

        Assert.Equal((0, 1), (reflections.Of(0).Missing, reflections.Of(1).Missing));
        Assert.Empty(reflections.Of(1).DelaysMs);
        Assert.Null(reflections.Of(1).LastReflected);

        reflections.Observed("74|total", 2, Ms(540));
        Assert.Equal([40.0], reflections.Of(1).DelaysMs.Select(d => Math.Round(d)));
    }

    [Fact]
    public void Events_are_matched_in_confirm_order_whatever_order_they_were_recorded_in()
    {
        var reflections = new ReportingReflections();
        reflections.Published("11|total", Ms(200), 1); // a later confirm recorded first (another publisher)
        reflections.Published("11|total", Ms(100), 1);
        reflections.Observed("11|total", 1, Ms(150));

        var (delays, missing, _) = reflections.Of(1);

        Assert.Equal([50.0], delays.Select(d => Math.Round(d)));
        Assert.Equal(1, missing);
    }
}
