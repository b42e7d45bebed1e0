using Oversight.Contracts.IntegrationEvents;
using Oversight.RegionDirectory.Model.Import;

namespace Oversight.RegionDirectory.IntegrationEvents.Events;

/// <summary>The <see cref="RegionDirectoryChanged"/> event of a directory write: an office or official, or a region import.</summary>
internal static class DirectoryChangeEvents
{
    /// <param name="regionCodes">The region before and after the write (null for a national office: the whole country).</param>
    public static RegionDirectoryChanged ForOffice(string entity, string change, Guid id, string name, params string?[] regionCodes)
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

    public static RegionDirectoryChanged ForImport(RegionImportPlan plan)
    {
        var codes = plan.Added.Concat(plan.Changed).Select(r => r.Code).Order(StringComparer.Ordinal).ToList();
        return new RegionDirectoryChanged
        {
            RegionCode = RegionDirectoryChanged.CommonAncestor(codes),
            Entity = "region",
            Change = plan.Changed.Count == 0 ? "added" : "changed",
            Keys = codes,
            AffectedRegionCodes = codes,
            Summary = $"import: {plan.Added.Count} added, {plan.Changed.Count} changed",
        };
    }
}
