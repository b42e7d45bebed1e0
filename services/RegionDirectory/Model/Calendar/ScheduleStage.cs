using Oversight.Regions.Elections;

namespace Oversight.RegionDirectory.Model.Calendar;

/// <summary>One stage of an election, running from <see cref="Start"/> to <see cref="End"/> inclusive (Indonesian calendar dates).</summary>
/// <param name="Id">Kebab-case id, e.g. "campaign", "quiet-period".</param>
/// <param name="Name">The name in Bahasa Indonesia.</param>
/// <param name="NameEn">The name in English.</param>
public sealed record ScheduleStage(string Id, string Name, string NameEn, DateOnly Start, DateOnly End)
{
    /// <summary>A stage whose dates come from the library's election calendars (<see cref="StageDates"/>).</summary>
    public ScheduleStage(string id, string name, string nameEn, StageDates dates) : this(id, name, nameEn, dates.Start, dates.End)
    {
    }

    public bool IsRunningOn(DateOnly date) => Start <= date && date <= End;
}
