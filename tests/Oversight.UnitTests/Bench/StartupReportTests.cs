using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class StartupReportTests
{
    private static LatencySummary Period(string name, double p99) => new(name, 3000, 0, TimeSpan.FromSeconds(60), 5, 10, p99);

    [Fact]
    public void Each_restart_gets_its_ratio_and_the_verdict_is_on_their_median()
    {
        var lines = StartupReport.RestartTables(
        [
            [Period("first", 800), Period("second", 50), Period("steady", 40)],
            [Period("first", 60), Period("second", 45), Period("steady", 40)],
            [Period("first", 70), Period("second", 45), Period("steady", 40)],
        ]);

        Assert.Equal(["First period p99 / steady p99: 20.00x", "First period p99 / steady p99: 1.50x", "First period p99 / steady p99: 1.75x"],
            lines.Where(l => l.StartsWith("First period", StringComparison.Ordinal)));
        Assert.Equal("Median over 3 restart(s) of first period p99 / steady p99: 1.75x (goal: 2x or less, met)", lines[^1]);
    }

    [Fact]
    public void The_slowest_calls_are_placed_by_the_second_they_were_due()
    {
        var calls = Enumerable.Range(0, 300).Select(n => (DueSeconds: n / 50.0, LatencyMs: n < 3 ? 900.0 : 10.0)).ToList();
        var run = new OpenLoopRunner.Result(LatencySummary.From("first", calls.Select(c => c.LatencyMs).ToArray(), 0, TimeSpan.FromSeconds(6)),
            new Dictionary<string, int>(), calls);

        Assert.Equal("0 s: 3", run.SlowestSeconds());
    }
}
