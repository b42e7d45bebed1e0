using System.Globalization;

namespace Oversight.Complaints.Domain.Identity;

/// <summary>The parts of a valid NIP.</summary>
public sealed record NipParts(DateOnly BirthDate, int AppointmentYear, int AppointmentMonth, bool IsFemale, int Sequence);

/// <summary>
/// The 18-digit civil-servant number (NIP, PP 9/2003 and BKN rules; PPPK numbers share the layout):
/// birth date yyyymmdd (digits 1-8), appointment yyyymm (9-14), sex 1 male / 2 female (15), sequence
/// 001-999 (16-18). Every check names the part that is wrong, so a desk officer can fix a typo.
/// </summary>
public static class Nip
{
    public const int Length = 18;

    /// <summary>Youngest age at appointment: CPNS and PPPK applicants must be at least 18.</summary>
    public const int MinAppointmentAge = 18;

    /// <summary>Oldest plausible age at appointment: PPPK may be appointed up to a year before the 58-60 retirement age.</summary>
    public const int MaxAppointmentAge = 60;

    /// <summary>Checks a NIP; an empty list means valid.</summary>
    /// <param name="today">The legal date of the check: an appointment cannot lie in a later month.</param>
    /// <param name="field">The field name the errors start with (e.g. <c>reported.nip</c>).</param>
    public static IReadOnlyList<string> Validate(string? nip, DateOnly today, string field = "nip")
    {
        if (string.IsNullOrEmpty(nip))
        {
            return [$"{field}: required"];
        }
        if (nip.Length != Length)
        {
            return [$"{field}: must be {Length} digits, got {nip.Length} characters"];
        }
        if (!nip.All(char.IsAsciiDigit))
        {
            return [$"{field}: must contain only the digits 0-9"];
        }

        var errors = new List<string>();
        var birthPart = nip[..8];
        var appointmentPart = nip[8..14];
        var sexDigit = nip[14];
        var sequencePart = nip[15..];

        var birthOk = DateOnly.TryParseExact(birthPart, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth);
        if (!birthOk)
        {
            errors.Add($"{field}: birth date part {birthPart} is not a date");
        }

        var year = int.Parse(appointmentPart[..4], CultureInfo.InvariantCulture);
        var month = int.Parse(appointmentPart[4..], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || year < 1)
        {
            errors.Add($"{field}: appointment part {appointmentPart} is not a month");
        }
        else
        {
            var appointed = new DateOnly(year, month, 1);
            if (appointed > new DateOnly(today.Year, today.Month, 1))
            {
                errors.Add($"{field}: appointment part {appointmentPart} is after today ({today:yyyy-MM-dd})");
            }
            if (birthOk)
            {
                // The appointment month's last day is the most favourable reading of "old enough".
                var lastDayOfMonth = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
                if (AgeOn(birth, lastDayOfMonth) < MinAppointmentAge)
                {
                    errors.Add($"{field}: appointment part {appointmentPart} is before the holder (born {birthPart}) turned {MinAppointmentAge}");
                }
                else if (AgeOn(birth, appointed) > MaxAppointmentAge)
                {
                    errors.Add($"{field}: appointment part {appointmentPart} is when the holder (born {birthPart}) was over {MaxAppointmentAge}");
                }
            }
        }

        if (sexDigit is not ('1' or '2'))
        {
            errors.Add($"{field}: sex digit must be 1 or 2, got {sexDigit}");
        }
        if (sequencePart == "000")
        {
            errors.Add($"{field}: sequence part must be 001-999, got 000");
        }
        return errors;
    }

    /// <summary>The parts of a NIP, or null when it is not valid.</summary>
    public static NipParts? Parse(string? nip, DateOnly today)
    {
        if (Validate(nip, today).Count > 0)
        {
            return null;
        }
        return new NipParts(
            DateOnly.ParseExact(nip![..8], "yyyyMMdd", CultureInfo.InvariantCulture),
            int.Parse(nip[8..12], CultureInfo.InvariantCulture),
            int.Parse(nip[12..14], CultureInfo.InvariantCulture),
            nip[14] == '2',
            int.Parse(nip[15..], CultureInfo.InvariantCulture));
    }

    private static int AgeOn(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return date < birth.AddYears(age) ? age - 1 : age;
    }
}
