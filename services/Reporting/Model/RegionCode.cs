using System.Text.RegularExpressions;

namespace Oversight.Reporting.Model;

/// <summary>Kemendagri region codes: "NN" for a province, "NN.NN" for a regency or city; "" for the nation.</summary>
public static partial class RegionCode
{
    public const string Rule = "must be a Kemendagri code like 52 or 52.71";
    public const string RuleWithNation = "must be empty (the nation) or a Kemendagri code like 52 or 52.71";

    public const string National = "";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    /// <summary>A region a report can be asked for: the nation, a province or a regency/city.</summary>
    public static bool IsValidOrNational(string? code) => code == National || IsValid(code);

    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
