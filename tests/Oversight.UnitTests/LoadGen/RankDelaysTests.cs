using Oversight.LoadGen.Probes;

namespace Oversight.UnitTests.LoadGen;

public sealed class RankDelaysTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double ms) => T0.AddMilliseconds(ms);

    [Fact]
    public void The_kth_commit_is_counted_when_the_total_first_reaches_baseline_plus_k()
    {
        var commits = new[] { At(0), At(10), At(20) };
        // The watcher saw 100 (the baseline), then 102 at 50 ms (two coalesced), then 103 at 90 ms.
        var seen = new (DateTimeOffset, long)[] { (At(-5), 100), (At(50), 102), (At(90), 103) };
        Assert.Equal([50.0, 40.0, 70.0], RankDelays.Compute(commits, seen, baseline: 100));
    }

    [Fact]
    public void Commits_the_count_never_reached_are_left_out()
    {
        var commits = new[] { At(0), At(10), At(20) };
        var seen = new (DateTimeOffset, long)[] { (At(30), 101) };
        Assert.Equal([30.0], RankDelays.Compute(commits, seen, baseline: 100));
    }

    [Fact]
    public void Order_of_the_inputs_does_not_matter()
    {
        var commits = new[] { At(20), At(0) };
        var seen = new (DateTimeOffset, long)[] { (At(60), 12), (At(40), 11) };
        Assert.Equal([40.0, 40.0], RankDelays.Compute(commits, seen, baseline: 10));
    }
}
