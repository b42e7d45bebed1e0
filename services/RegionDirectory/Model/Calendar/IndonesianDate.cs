using System.Globalization;

namespace Oversight.RegionDirectory.Model.Calendar;

/// <summary>Election dates are Indonesian calendar dates; "today" is today in Jakarta (WIB, UTC+7).</summary>
public static class IndonesianDate
{
    public const string Format = "yyyy-MM-dd";
    public const string Rule = "must be a date like 2024-11-01";

    public static TimeZoneInfo Wib { get; } = FindWib();

    /// <summary>Parses "yyyy-MM-dd" exactly (invariant culture, no whitespace).</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Today's date in Asia/Jakarta.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Wib).DateTime);

    private static TimeZoneInfo FindWib()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // No time-zone data (e.g. a slim container): WIB has had no daylight saving since 1964.
            return TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "Western Indonesia Time", "WIB");
        }
    }
}
