using Oversight.Reporting.Model;

namespace Oversight.Reporting.Model.SituationRoom;

/// <summary>
/// Which days the situation room's chart shows: the region's election period (campaign to the end of recapitulation,
/// from the directory's calendar) or the recent days. Unasked, the page gets the election period while it lasts and
/// the recent days after it, so complaints filed today are on the chart whatever the year.
/// </summary>
public static class ChartRanges
{
    public const string Election = "election";
    public const string Recent = "recent";
    public const int RecentDays = 90;

    public static ChartRange RecentRange(DateOnly today) => 
        new(Recent, $"Last {RecentDays} days", $"the last {RecentDays} days", today.AddDays(1 - RecentDays), today);

    /// <summary>The ranges offered (the election period only when its calendar is known) and the one shown.</summary>
    /// <param name="asked">"election", "recent", or empty for the default above.</param>
    /// <param name="error">Names the parameter and the rule when <paramref name="asked"/> is neither.</param>
    public static (IReadOnlyList<ChartRange> Offered, ChartRange? Shown) Choose(ElectionPeriod? election, DateOnly today, string asked, out string? error)
    {
        var recent = RecentRange(today);
        IReadOnlyList<ChartRange> offered = election is null ? [recent] : [election.Range, recent];
        error = asked is "" or Election or Recent ? null : $"range: must be {Election} or {Recent} (or absent)";
        if (error is not null) return (offered, null);
        var shown = asked switch
        {
            Election => election?.Range ?? recent,
            Recent => recent,
            _ => election is not null && today <= election.Range.To ? election.Range : recent,
        };
        return (offered, shown);
    }
}
