using System.Globalization;

namespace Oversight.Complaints.Domain.Identity;

/// <summary>
/// The 16-digit population number on the KTP (NIK, UU 24/2013 on civil registration): province (1-2),
/// regency/city (3-4), district (5-6), birth date ddmmyy (7-12, with 40 added to the day for women),
/// sequence 0001-9999 (13-16). A laporan's reporter must give one (identity is a formal requirement).
/// The century of the birth year is not in the number, so a date is accepted when it exists in 19yy or 20yy.
/// </summary>
public static class Nik
{
    public const int Length = 16;

    /// <summary>
    /// Province codes a NIK can carry: today's 38 (Kepmendagri 300.2.2-2138/2025). NIKs issued in the new
    /// Papua provinces before they were created keep their old 91/92 prefixes, which are in the list anyway.
    /// </summary>
    public static IReadOnlySet<string> ProvinceCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
        "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
        "91", "92", "93", "94", "95", "96",
    };

    /// <summary>Checks a NIK; an empty list means valid. Errors start with <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> Validate(string? nik, string field = "nik")
    {
        if (string.IsNullOrEmpty(nik))
        {
            return [$"{field}: required"];
        }
        if (nik.Length != Length)
        {
            return [$"{field}: must be {Length} digits, got {nik.Length} characters"];
        }
        if (!nik.All(char.IsAsciiDigit))
        {
            return [$"{field}: must contain only the digits 0-9"];
        }

        var errors = new List<string>();
        if (!ProvinceCodes.Contains(nik[..2]))
        {
            errors.Add($"{field}: province part {nik[..2]} is not a province code");
        }
        if (nik[2..4] == "00")
        {
            errors.Add($"{field}: regency part must be 01-99, got 00");
        }
        if (nik[4..6] == "00")
        {
            errors.Add($"{field}: district part must be 01-99, got 00");
        }
        var datePart = nik[6..12];
        if (BirthDay(datePart) is null)
        {
            errors.Add($"{field}: birth date part {datePart} is not a date (ddmmyy, day + 40 for women)");
        }
        if (nik[12..] == "0000")
        {
            errors.Add($"{field}: sequence part must be 0001-9999, got 0000");
        }
        return errors;
    }

    /// <summary>Whether the NIK's date part marks a woman (day + 40); null when the NIK is not valid.</summary>
    public static bool? IsFemale(string? nik) =>
        Validate(nik).Count > 0 ? null : int.Parse(nik![6..8], CultureInfo.InvariantCulture) > 40;

    private static (int Day, int Month, int TwoDigitYear)? BirthDay(string ddmmyy)
    {
        var day = int.Parse(ddmmyy[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(ddmmyy[2..4], CultureInfo.InvariantCulture);
        var yy = int.Parse(ddmmyy[4..], CultureInfo.InvariantCulture);
        if (day > 40)
        {
            day -= 40;
        }
        if (month is < 1 or > 12 || day < 1)
        {
            return null;
        }
        var fits = day <= DateTime.DaysInMonth(1900 + yy, month) || day <= DateTime.DaysInMonth(2000 + yy, month);
        return fits ? (day, month, yy) : null;
    }
}
