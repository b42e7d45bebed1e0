using Oversight.Dashboard.Ui;

namespace Oversight.UnitTests.Dashboard;

public sealed class ChangeCoalescerTests
{
    [Fact]
    public void Nothing_changed_gives_nothing() => Assert.Null(new ChangeCoalescer().Take());

    [Fact]
    public void A_flood_becomes_one_change_set_naming_what_to_reread()
    {
        var coalescer = new ChangeCoalescer();
        Parallel.For(0, 10_000, i =>
        {
            coalescer.Resource(i % 2 == 0 ? "complaints" : "cache", console: true);
            coalescer.Telemetry("complaints", logs: i % 3 == 0, traces: true, metrics: false, newResource: false);
        });
        coalescer.Resource("cache", console: false);

        var set = coalescer.Take()!;
        Assert.Equal(20_001, set.Coalesced);
        Assert.Equal(["cache", "complaints"], set.Console);
        Assert.Equal(["complaints"], set.TelemetryResources);
        Assert.True(set.Resources);
        Assert.True(set.Logs);
        Assert.True(set.Traces);
        Assert.False(set.Metrics);

        // Taken means reset.
        Assert.Null(coalescer.Take());
        coalescer.Telemetry("reporting", false, false, true, newResource: true);
        var next = coalescer.Take()!;
        Assert.Equal((true, true, false, 1L), (next.Metrics, next.Resources, next.Traces, next.Coalesced));
        Assert.Empty(next.Console);
    }
}
