using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>What a summary row must say, worked out from the script's final snapshots with plain LINQ.</summary>
internal static class SummaryExpectations
{
    public static readonly string[] Levels = ["52.71", "52", "64.03", "64", "74.71", "74.02", "74", ""];

    public static void AssertExact(ComplaintScript script, string level, RegionTotals row)
    {
        var under = script.Under(level).ToList();
        var because = $"region '{level}'";
        Assert.Equal(level, row.RegionCode);
        Assert.True(under.Count == row.Total, $"{because}: total {row.Total}, expected {under.Count}");
        Assert.Equal(Count(under, s => s.Status), row.ByStatus.OrderBy(p => p.Key));
        Assert.Equal(Count(under, s => s.Kind), row.ByKind.OrderBy(p => p.Key));
        Assert.Equal(Count(under, s => s.ViolationType), row.ByViolationType.OrderBy(p => p.Key));
        Assert.Equal(Count(under.Where(s => s.SanctionLevel is not null), s => s.SanctionLevel!), row.BySanctionLevel.OrderBy(p => p.Key));
        Assert.True(under.Count(IsOverdue) == row.Overdue, $"{because}: overdue {row.Overdue}, expected {under.Count(IsOverdue)}");

        var hours = under.Where(s => s.DecidedAt is not null).Select(s => (s.DecidedAt!.Value - s.ReceivedAt).TotalHours).Order().ToList();
        Assert.Equal(hours.Count, row.Decided);
        Assert.Equal(hours.Count == 0 ? 0 : hours[(int)Math.Ceiling(0.5 * hours.Count) - 1], row.DecisionHoursMedian, 6);
        Assert.Equal(hours.Count == 0 ? 0 : hours[(int)Math.Ceiling(0.9 * hours.Count) - 1], row.DecisionHoursP90, 6);
    }

    /// <summary>The child regions the summary of a level must list.</summary>
    public static IEnumerable<string> ChildrenOf(ComplaintScript script, string level) => script.Under(level)
        .Select(s => level == "" ? s.RegionCode[..2] : s.RegionCode)
        .Where(code => code != level).Distinct().Order(StringComparer.Ordinal);

    public static async Task AssertEveryLevelExactAsync(ComplaintScript script, Contracts.Reporting.Reporting.ReportingClient reports)
    {
        foreach (var level in Levels)
        {
            var summary = await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = level });
            AssertExact(script, level, summary.Totals);
            Assert.Equal(ChildrenOf(script, level), summary.Children.Select(c => c.RegionCode));
            foreach (var child in summary.Children) AssertExact(script, child.RegionCode, child);
        }
    }

    public static bool IsOverdue(ComplaintState s) => s.OpenDeadline is { } d && !s.IsFinal && d.DueAt < DateTimeOffset.UtcNow;

    private static IEnumerable<KeyValuePair<TKey, long>> Count<TKey>(IEnumerable<ComplaintState> states, Func<ComplaintState, TKey> key) =>
        states.GroupBy(key).Select(g => new KeyValuePair<TKey, long>(g.Key, g.Count())).OrderBy(p => p.Key);
}
