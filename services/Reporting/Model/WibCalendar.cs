namespace Oversight.Reporting.Model;

/// <summary>Dates as the campaign counts them: in WIB (UTC+7), whatever the desk's own time zone.</summary>
public static class WibCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The 2024 regional elections' campaign period, the default range of a time series.</summary>
    public static readonly DateOnly CampaignStart = new(2024, 9, 25);
    public static readonly DateOnly CampaignEnd = new(2024, 11, 23);

    /// <summary>The longest time series one call may ask for.</summary>
    public const int MaxDays = 731;

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out date);
}
