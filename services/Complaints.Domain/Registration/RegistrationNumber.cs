using System.Globalization;
using System.Text.RegularExpressions;
using Oversight.Complaints.Domain.Intake;
using Oversight.Regions;

namespace Oversight.Complaints.Domain.Registration;

/// <summary>
/// A complaint's registration number: <c>{office}/{LP|TM}/{year}/{sequence}</c>, e.g. <c>52.71/LP/2024/0007</c>.
/// <list type="bullet">
/// <item>office: the handling Bawaslu office, by the Kemendagri code of its region (<c>52</c> for a province,
/// <c>52.71</c> for a regency or city) or <c>RI</c> for Bawaslu RI;</item>
/// <item>LP (laporan) or TM (temuan): informasi awal is never registered, so it has no code;</item>
/// <item>year: the WIB year of registration;</item>
/// <item>sequence: from 1, at least four digits, one gap-free sequence per office and year shared by LP
/// and TM (the database hands it out); so the office's n-th registration of the year is number n.</item>
/// </list>
/// The text form is canonical: parsing and formatting round-trip exactly, so numbers compare as strings.
/// </summary>
public sealed partial record RegistrationNumber
{
    public const string NationalOffice = "RI";
    public const int MinYear = 2000;
    public const int MaxYear = 2999;

    private RegistrationNumber(string officeCode, ComplaintKind kind, int year, int sequence)
    {
        OfficeCode = officeCode;
        Kind = kind;
        Year = year;
        Sequence = sequence;
    }

    public string OfficeCode { get; }
    public ComplaintKind Kind { get; }
    public int Year { get; }
    public int Sequence { get; }

    /// <summary>Builds a number, refusing parts that would not round-trip.</summary>
    public static RegistrationNumber Create(string officeCode, ComplaintKind kind, int year, int sequence)
    {
        var errors = Check(officeCode, kind, year, sequence);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }
        return new(officeCode, kind, year, sequence);
    }

    /// <summary>Whether a string names a handling office: a Kemendagri region code or <c>RI</c>.</summary>
    public static bool IsOfficeCode(string? code) => code == NationalOffice || RegionCode.IsValid(code);

    /// <summary>The two-letter code of a kind; null for informasi awal, which is never registered.</summary>
    public static string? KindCode(ComplaintKind kind) => kind switch
    {
        ComplaintKind.Laporan => "LP",
        ComplaintKind.Temuan => "TM",
        _ => null,
    };

    public static bool TryParse(string? text, out RegistrationNumber? number) => (number = Parse(text, out _)) is not null;

    /// <summary>Parses a number; on failure returns null and the reasons, as <c>registration_number: rule</c>.</summary>
    public static RegistrationNumber? Parse(string? text, out IReadOnlyList<string> errors)
    {
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            errors = ["registration_number: must look like 52.71/LP/2024/0007 (office/LP or TM/year/sequence of at least 4 digits)"];
            return null;
        }
        var sequenceText = match.Groups["seq"].Value;
        if (sequenceText.Length > 4 && sequenceText[0] == '0')
        {
            errors = ["registration_number: a sequence above 9999 has no leading zeros"];
            return null;
        }
        if (!int.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            errors = ["registration_number: sequence is too large"];
            return null;
        }
        var kind = match.Groups["kind"].Value == "LP" ? ComplaintKind.Laporan : ComplaintKind.Temuan;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var office = match.Groups["office"].Value;
        errors = Check(office, kind, year, sequence);
        return errors.Count == 0 ? new(office, kind, year, sequence) : null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{OfficeCode}/{KindCode(Kind)}/{Year}/{Sequence:0000}");

    private static IReadOnlyList<string> Check(string officeCode, ComplaintKind kind, int year, int sequence)
    {
        var errors = new List<string>();
        if (!IsOfficeCode(officeCode))
        {
            errors.Add("registration_number: office must be a region code like 52 or 52.71, or RI");
        }
        if (KindCode(kind) is null)
        {
            errors.Add("registration_number: informasi awal is never registered");
        }
        if (year is < MinYear or > MaxYear)
        {
            errors.Add($"registration_number: year must be {MinYear}-{MaxYear}");
        }
        if (sequence < 1)
        {
            errors.Add("registration_number: sequence starts at 1");
        }
        return errors;
    }

    // The office part is the region code rule itself, so the two cannot drift apart.
    [GeneratedRegex("^(?<office>" + NationalOffice + "|" + RegionCode.Expression + @")/(?<kind>LP|TM)/(?<year>[0-9]{4})/(?<seq>[0-9]{4,})\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
