using Oversight.Regions;

namespace Oversight.Reporting.Model;

/// <summary>The levels a region rolls up into: regency/city "52.71" → province "52" → the nation "".</summary>
public static class RegionHierarchy
{
    /// <summary>The region itself and every level above it, lowest first ("52.71", "52", "").</summary>
    public static IReadOnlyList<string> LevelsOf(string code)
    {
        if (!RegionCode.IsValid(code)) throw new ArgumentException($"region code {RegionCode.Rule}", nameof(code));
        return RegionCode.ParentOf(code) is { } province ? [code, province, RegionCode.National] : [code, RegionCode.National];
    }

    /// <summary>The level directly above ("52" for "52.71", "" for "52"); null for the nation.</summary>
    public static string? ParentOf(string code)
    {
        if (code == RegionCode.National) return null;
        return RegionCode.ParentOf(code) ?? RegionCode.National;
    }

    /// <summary>How a level appears in Redis key names: the code, or "national" for the nation.</summary>
    public static string KeyOf(string code) => code == RegionCode.National ? "national" : code;
}
