using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class NotificationsArrivalsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T10:00:00Z");

    [Fact]
    public void The_delay_runs_from_the_start_to_the_first_arrival_and_duplicates_are_counted_apart()
    {
        var arrivals = new NotificationsArrivals();
        arrivals.Started("a", T0);
        arrivals.Started("b", T0.AddMilliseconds(10));
        arrivals.Arrived("a", T0.AddMilliseconds(40));
        arrivals.Arrived("a", T0.AddMilliseconds(900)); // a retry delivered it again
        arrivals.Arrived("b", T0.AddMilliseconds(70));

        var (delays, missing, last) = arrivals.Of(["a", "b"]);

        Assert.Equal([40.0, 60.0], delays.Order());
        Assert.Equal(0, missing);
        Assert.Equal(T0.AddMilliseconds(70), last);
        Assert.Equal(1, arrivals.Duplicates);
    }

    [Fact]
    public void A_complaint_without_an_arrival_is_missing_and_other_rounds_are_not_counted()
    {
        var arrivals = new NotificationsArrivals();
        arrivals.Started("a", T0);
        arrivals.Started("b", T0);
        arrivals.Arrived("b", T0.AddSeconds(1));
        arrivals.Started("other-round", T0);
        arrivals.Arrived("other-round", T0.AddSeconds(5));

        var (delays, missing, last) = arrivals.Of(["a", "b"]);

        Assert.Equal([1000.0], delays);
        Assert.Equal(1, missing);
        Assert.Equal(T0.AddSeconds(1), last);
    }

    [Fact]
    public void An_arrival_before_its_start_was_recorded_waits_for_the_start()
    {
        var arrivals = new NotificationsArrivals();
        arrivals.Arrived("a", T0.AddMilliseconds(5));

        Assert.Equal(1, arrivals.Of(["a"]).Missing);
        arrivals.Started("a", T0);
        Assert.Equal([5.0], arrivals.Of(["a"]).DelaysMs);
    }
}
