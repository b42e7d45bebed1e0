using Oversight.Reporting.Model;

namespace Oversight.Reporting.SituationRoom;

/// <summary>
/// The dates the situation room's chart marks. Constants of the 2024 regional elections (KPU's schedule), not read
/// from the directory's election calendar: the page must draw without another service answering.
/// </summary>
public static class CampaignDates
{
    public static readonly DateOnly CampaignStart = WibCalendar.CampaignStart;
    public static readonly DateOnly QuietPeriodStart = new(2024, 11, 24);
    public static readonly DateOnly QuietPeriodEnd = new(2024, 11, 26);
    public static readonly DateOnly VotingDay = new(2024, 11, 27);

    /// <summary>The chart runs from the campaign's start to voting day, so the quiet period and the vote are on it.</summary>
    public static (DateOnly From, DateOnly To) ChartRange => (CampaignStart, VotingDay);

    public static IReadOnlyList<KeyDate> KeyDates { get; } =
    [
        new("campaign-start", "Campaign starts", WibCalendar.Format(CampaignStart), WibCalendar.Format(CampaignStart)),
        new("quiet-period", "Quiet period", WibCalendar.Format(QuietPeriodStart), WibCalendar.Format(QuietPeriodEnd)),
        new("voting-day", "Voting day", WibCalendar.Format(VotingDay), WibCalendar.Format(VotingDay)),
    ];
}

public sealed record KeyDate(string Id, string Label, string From, string To);
