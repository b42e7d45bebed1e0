using System.Diagnostics.Metrics;
using Oversight.Complaints.Infrastructure.Deadlines;

namespace Oversight.UnitTests.Complaints.Deadlines;

/// <summary>What the <c>oversight.complaints.overdue</c> gauge reports from the scheduler's counts.</summary>
public sealed class OverdueCountsTests
{
    private static Dictionary<string, long> ByOwner(IEnumerable<Measurement<long>> measurements) =>
        measurements.ToDictionary(m => (string)m.Tags.ToArray().Single(t => t.Key == "owner").Value!, m => m.Value);

    [Fact]
    public void Nothing_is_reported_before_the_first_count()
    {
        Assert.Empty(new OverdueCounts().Observe());
    }

    [Fact]
    public void Every_owner_gets_a_figure_and_one_no_longer_counted_drops_to_zero()
    {
        var overdue = new OverdueCounts();
        overdue.Set([("bawaslu", 3), ("ppk", 1), ("kpu", 2)]);
        Assert.Equal(new Dictionary<string, long> { ["bawaslu"] = 3, ["bkn"] = 0, ["kpu"] = 2, ["ppk"] = 1, ["reporter"] = 0 }, ByOwner(overdue.Observe()));

        overdue.Set([("bawaslu", 1)]);
        Assert.Equal(new Dictionary<string, long> { ["bawaslu"] = 1, ["bkn"] = 0, ["kpu"] = 0, ["ppk"] = 0, ["reporter"] = 0 }, ByOwner(overdue.Observe()));
    }
}
