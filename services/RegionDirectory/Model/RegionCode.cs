using System.Text.RegularExpressions;

namespace Oversight.RegionDirectory.Model;

/// <summary>Kemendagri region codes: "NN" for a province, "NN.NN" for a regency or city.</summary>
public static partial class RegionCode
{
    public const string Rule = "must be a Kemendagri code like 52 or 52.71";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    public static RegionLevel LevelOf(string code) => code.Length == 2 ? RegionLevel.Province : RegionLevel.RegencyCity;

    public static string? ParentOf(string code) => code.Length == 2 ? null : code[..2];

    // ASCII digits only and \z, so "５２" or "52\n" are rejected.
    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
