using Oversight.Contracts.Reporting;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>Turns a region's counter hash, overdue count and decision times into its summary row.</summary>
public static class RegionTotalsReading
{
    public static RegionTotals From(string level, HashEntry[] counters, long overdue, IReadOnlyList<double> decisionSeconds)
    {
        var row = new RegionTotals { RegionCode = level, Overdue = overdue, Decided = decisionSeconds.Count };
        foreach (var entry in counters)
        {
            var name = entry.Name.ToString();
            var value = (long)entry.Value;
            if (name == ProjectionKeys.Total) row.Total = value;
            else if (name.StartsWith(ProjectionKeys.StatusPrefix, StringComparison.Ordinal)) row.ByStatus[name[ProjectionKeys.StatusPrefix.Length..]] = value;
            else if (name.StartsWith(ProjectionKeys.KindPrefix, StringComparison.Ordinal)) row.ByKind[name[ProjectionKeys.KindPrefix.Length..]] = value;
            else if (name.StartsWith(ProjectionKeys.SanctionPrefix, StringComparison.Ordinal)) row.BySanctionLevel[name[ProjectionKeys.SanctionPrefix.Length..]] = value;
            else if (name.StartsWith(ProjectionKeys.TypePrefix, StringComparison.Ordinal)
                     && int.TryParse(name[ProjectionKeys.TypePrefix.Length..], out var type)) row.ByViolationType[type] = value;
        }
        row.DecisionHoursMedian = Percentiles.NearestRank(decisionSeconds, 0.5) / 3600;
        row.DecisionHoursP90 = Percentiles.NearestRank(decisionSeconds, 0.9) / 3600;
        return row;
    }
}
