using Oversight.Complaints.Extensions;
using Oversight.Complaints.Grpc.Admission;
using Oversight.UnitTests.Complaints.Domain;

namespace Oversight.UnitTests.Complaints.IntakeApi;

/// <summary>Refusals under overload are logged at most once per interval, each line counting those not logged.</summary>
public sealed class RefusalLogThrottleTests
{
    [Fact]
    public void The_first_refusal_is_logged_then_one_line_per_interval_counts_the_ones_in_between()
    {
        var clock = new FakeClock(new DateTimeOffset(2024, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var throttle = new RefusalLogThrottle(clock, TimeSpan.FromSeconds(1));

        Assert.True(throttle.ShouldLog(out var before));
        Assert.Equal(0, before);
        for (var i = 0; i < 99; i++)
        {
            Assert.False(throttle.ShouldLog(out _));
        }

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(throttle.ShouldLog(out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.ShouldLog(out var unlogged));
        Assert.Equal(100, unlogged);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(throttle.ShouldLog(out var afterQuiet));
        Assert.Equal(0, afterQuiet);
    }
}
