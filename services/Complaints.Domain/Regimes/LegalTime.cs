using Oversight.Regions;

namespace Oversight.Complaints.Domain.Regimes;

/// <summary>Whether a period counts every calendar day or only working days.</summary>
public enum DayUnit
{
    /// <summary>Every day counts ("hari", as the Pilkada rules use it).</summary>
    Calendar,

    /// <summary>Monday to Friday, except the regime's national holidays ("hari kerja", UU 7/2017).</summary>
    Working,
}

/// <summary>A legal period: so many calendar or working days.</summary>
public readonly record struct DayCount(int Days, DayUnit Unit)
{
    public static DayCount CalendarDays(int days) => new(days, DayUnit.Calendar);

    public static DayCount WorkingDays(int days) => new(days, DayUnit.Working);

    public override string ToString() => Unit == DayUnit.Calendar ? $"{Days} days" : $"{Days} working days";
}

/// <summary>
/// How instants map to Indonesian legal days, and how periods of days are counted.
/// <list type="bullet">
/// <item>A legal day is a calendar date in WIB (<see cref="IndonesianTime"/>). Every instant belongs to the WIB
/// date it falls on, whatever the office's own zone (WITA, WIT): the deadlines are national and the election
/// calendar (PKPU 2/2024) is kept in WIB dates too.</item>
/// <item>"Within N days of X": the day of X is day 0 and day 1 is the next day (the next working day when
/// counting working days), following the usual Indonesian reading of "paling lama N hari sejak/setelah X".
/// The period ends at the end of day N, so it falls due at 00:00 WIB of the day after day N; an act at
/// or after that instant is late.</item>
/// </list>
/// </summary>
public static class LegalTime
{
    /// <summary>Whether a date is a working day: Monday to Friday and not one of the holidays.</summary>
    public static bool IsWorkingDay(DateOnly date, IReadOnlySet<DateOnly> holidays) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>Day N of a period that starts at <paramref name="start"/> (whose own date is day 0).</summary>
    public static DateOnly LastDay(DateTimeOffset start, DayCount period, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period.Days);
        var day = IndonesianTime.DateOf(start);
        if (period.Unit == DayUnit.Calendar)
        {
            return day.AddDays(period.Days);
        }
        for (var counted = 0; counted < period.Days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, holidays))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>The instant a period starting at <paramref name="start"/> falls due: 00:00 WIB after its last day.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset start, DayCount period, IReadOnlySet<DateOnly> holidays) =>
        IndonesianTime.StartOf(LastDay(start, period, holidays).AddDays(1));
}
