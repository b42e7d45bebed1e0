using Oversight.Contracts.IntegrationEvents;
using Oversight.Regions;

namespace Oversight.Reporting.Model;

/// <summary>Everything one complaint snapshot adds to the read model, at every level of its region hierarchy.</summary>
public static class Contribution
{
    public static IReadOnlyList<ProjectionEntry> Of(ComplaintState state)
    {
        var entries = new List<ProjectionEntry>();
        var levels = RegionHierarchy.LevelsOf(state.RegionCode);
        var day = IndonesianTime.Format(IndonesianTime.DateOf(state.ReceivedAt));
        var agency = Clean(state.AccusedAgency);
        foreach (var level in levels)
        {
            var counters = ProjectionKeys.Counters(level);
            entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.Total));
            entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.StatusPrefix + Clean(state.Status)));
            entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.KindPrefix + Clean(state.Kind)));
            entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.TypePrefix + state.ViolationType));
            entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.DayPrefix + day));
            if (!string.IsNullOrWhiteSpace(state.SanctionLevel))
                entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.SanctionPrefix + Clean(state.SanctionLevel)));
            if (agency.Length > 0)
                entries.Add(ProjectionEntry.Counter(ProjectionKeys.Agencies(level), agency));
            // A final complaint waits on nobody, whatever deadline its last snapshot still names.
            if (state.OpenDeadline is { } deadline && !state.IsFinal)
                entries.Add(ProjectionEntry.Ranked(ProjectionKeys.OpenDeadlines(level), deadline.DueAt.ToUnixTimeSeconds()));
            if (state.DecidedAt is { } decidedAt)
            {
                entries.Add(ProjectionEntry.Counter(counters, ProjectionKeys.Decided));
                entries.Add(ProjectionEntry.Ranked(ProjectionKeys.DecisionTimes(level),
                    Math.Max(0, (long)(decidedAt - state.ReceivedAt).TotalSeconds)));
            }
            if (RegionHierarchy.ParentOf(level) is { } parent)
                entries.Add(ProjectionEntry.Member(ProjectionKeys.Children(parent), level));
        }
        return entries;
    }

    // Tabs and line breaks separate stored entries; an agency name must not carry them.
    private static string Clean(string? text) =>
        string.Join(' ', (text ?? "").Split(['\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
