using Oversight.Regions;

namespace Oversight.Security.Authentication;

/// <summary>
/// "Does a region scope cover a region code": a scope is a region and everything below it. Codes are
/// Kemendagri codes, "52" (province) or "52.71" (regency/city); the national scope is the empty string,
/// as the directory writes the national root (ListChildren of "" lists the provinces).
/// </summary>
public static class RegionScope
{
    /// <summary>The national scope: covers every region.</summary>
    public const string National = RegionCode.National;

    /// <summary>Whether the text is a scope at all: national, or a well-formed province or regency/city code.</summary>
    public static bool IsValid(string? scope) => RegionCode.IsValidOrNational(scope);

    /// <summary>
    /// True when <paramref name="scope"/> covers <paramref name="code"/>: national covers every valid code and
    /// national itself; "52" covers "52" and "52.71" but not "53", "5" or national; "52.71" covers only itself.
    /// A malformed scope or code is covered by nothing (fail closed).
    /// </summary>
    public static bool Covers(string? scope, string? code)
    {
        if (!IsValid(scope) || !IsValid(code)) return false;
        if (scope == National) return true;
        return code == scope || code!.StartsWith(scope + ".", StringComparison.Ordinal);
    }

    /// <summary>How a scope reads in messages and logs: "national" or the code.</summary>
    public static string Describe(string? scope) => scope == National ? "national" : scope ?? "none";
}
