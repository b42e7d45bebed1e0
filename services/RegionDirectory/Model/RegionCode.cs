using System.Text.RegularExpressions;

namespace Oversight.RegionDirectory.Model;

/// <summary>Kemendagri region codes: "NN" for a province, "NN.NN" for a regency or city.</summary>
public static partial class RegionCode
{
    public const string Rule = "must be a Kemendagri code like 52 or 52.71";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    public static RegionLevel LevelOf(string code) => code.Length == 2 ? RegionLevel.Province : RegionLevel.RegencyCity;

    public static string? ParentOf(string code) => code.Length == 2 ? null : code[..2];

    /// <summary>The kind a code implies: provinsi for NN; kota for NN.71-NN.99; kabupaten for NN.01-NN.69.</summary>
    public static string KindOf(string code) =>
        code.Length == 2 ? "provinsi" : int.Parse(code[3..]) >= 71 ? "kota" : "kabupaten";

    // ASCII digits only and \z, so "５２" or "52\n" are rejected.
    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
