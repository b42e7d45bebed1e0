using Oversight.Contracts.IntegrationEvents;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>The <see cref="RegionDirectoryChanged"/> event of one office or official write.</summary>
internal static class OfficeChangeEvents
{
    /// <param name="regionCodes">The region before and after the write (null for a national office: the whole country).</param>
    public static RegionDirectoryChanged For(string entity, string change, Guid id, string name, params string?[] regionCodes)
    {
        // A national office (no region) affects routing everywhere: "" stands for the whole country.
        var affected = regionCodes.Select(code => code ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        return new RegionDirectoryChanged
        {
            RegionCode = RegionDirectoryChanged.CommonAncestor(affected),
            Entity = entity,
            Change = change,
            Keys = [id.ToString()],
            AffectedRegionCodes = affected,
            Summary = $"{entity} {change}: {name}",
        };
    }
}
