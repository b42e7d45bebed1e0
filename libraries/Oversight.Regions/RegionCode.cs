using System.Text.RegularExpressions;

namespace Oversight.Regions;

/// <summary>
/// Kemendagri region codes: "NN" for a province, "NN.NN" for a regency or city; "" stands for the nation
/// (the root of the directory, the national scope, a national report).
/// </summary>
public static partial class RegionCode
{
    public const string National = "";

    public const string Rule = "must be a Kemendagri code like 52 or 52.71";
    public const string RuleWithNation = "must be empty (the nation) or a Kemendagri code like 52 or 52.71";

    /// <summary>
    /// The code's pattern without anchors, for patterns that hold a code among other parts (a registration
    /// number's office). ASCII digits only, so "５２" is not a code.
    /// </summary>
    public const string Expression = @"[0-9]{2}(\.[0-9]{2})?";

    /// <summary>A province or regency/city code; not the nation.</summary>
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    /// <summary>The nation, a province or a regency/city.</summary>
    public static bool IsValidOrNational(string? code) => code == National || IsValid(code);

    /// <summary>Whether a valid code is a province's ("52") rather than a regency's or city's ("52.71").</summary>
    public static bool IsProvince(string code) => code.Length == 2;

    /// <summary>The province of a regency/city code; null for a province code.</summary>
    public static string? ParentOf(string code) => IsProvince(code) ? null : code[..2];

    /// <summary>The kind a code implies: provinsi for NN; kota for NN.71-NN.99; kabupaten for NN.01-NN.69.</summary>
    public static string KindOf(string code) =>
        IsProvince(code) ? "provinsi" : int.Parse(code[3..], System.Globalization.CultureInfo.InvariantCulture) >= 71 ? "kota" : "kabupaten";

    // \z rather than $, so "52\n" is not a code either.
    [GeneratedRegex("^" + Expression + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
