using System.Globalization;

namespace Oversight.Regions;

/// <summary>
/// Indonesian calendar dates and times are WIB (Asia/Jakarta): UTC+7 all year, as Indonesia has had no daylight
/// saving since 1964. Deadlines, election calendars and reports count days in WIB whatever an office's own zone
/// (WITA, WIT), so a fixed offset is the rule and no time-zone database is needed.
/// </summary>
public static class IndonesianTime
{
    /// <summary>WIB, UTC+7.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>How a date is written in requests, answers and storage keys.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>What a request is told when a date does not read as <see cref="DateFormat"/>.</summary>
    public const string DateRule = "must be a date like 2024-11-01";

    /// <summary>The WIB date an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 WIB of a date, as an instant (with the +07:00 offset).</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Today's date in WIB.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses "yyyy-MM-dd" exactly (invariant culture, no whitespace).</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>An instant as people read it in messages: "2024-10-07 09:30 WIB".</summary>
    public static string Display(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm 'WIB'", CultureInfo.InvariantCulture);
}
