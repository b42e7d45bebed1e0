using Oversight.RegionDirectory.Model;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>
/// Which generation counters a cached answer depends on. Routing for a regency reads its province's offices
/// and officials too, so counters are per province (covering its regencies), plus one for national offices
/// and one bumped by every write for answers spanning the whole country.
/// </summary>
public static class OfficeCacheScopes
{
    public const string National = "national";
    public const string Everything = "all";

    /// <summary>The province scope of a region code; a national office (null or "") has the national scope.</summary>
    public static string Of(string? regionCode) =>
        string.IsNullOrEmpty(regionCode) ? National : RegionCode.ParentOf(regionCode) ?? regionCode;

    /// <summary>What a write touching these regions (old and new, null for national) must bump.</summary>
    public static IReadOnlyList<string> TouchedBy(IEnumerable<string?> regionCodes) =>
        regionCodes.Select(Of).Append(Everything).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What a routing answer depends on: both regions' provinces and the national offices (BKN).</summary>
    public static IReadOnlyList<string> OfRouting(string regionCode, string employingRegionCode) =>
        new[] { National, Of(regionCode), Of(employingRegionCode) }.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What an office list depends on; the whole country's list ("" with descendants) on every write.</summary>
    public static IReadOnlyList<string> OfOfficeList(string regionCode, bool includeDescendants) =>
        regionCode.Length == 0 && includeDescendants ? [Everything] : [Of(regionCode)];
}
