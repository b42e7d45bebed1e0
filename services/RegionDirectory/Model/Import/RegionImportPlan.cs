namespace Oversight.RegionDirectory.Model.Import;

/// <summary>What an import would do to the directory: which regions it adds, which it changes, which it leaves.</summary>
public sealed record RegionImportPlan(IReadOnlyList<ImportedRegion> Added, IReadOnlyList<ImportedRegion> Changed, int Unchanged)
{
    /// <summary>Compares the imported regions with the stored ones (same decree, name, parent and kind means unchanged).</summary>
    public static RegionImportPlan Compute(IEnumerable<ImportedRegion> imported, IReadOnlyDictionary<string, RegionRecord> stored, string decree)
    {
        var added = new List<ImportedRegion>();
        var changed = new List<ImportedRegion>();
        var unchanged = 0;
        foreach (var region in imported)
        {
            if (!stored.TryGetValue(region.Code, out var current)) added.Add(region);
            else if (current.Name != region.Name || current.ParentCode != region.ParentCode || current.Kind != region.Kind || current.Decree != decree) changed.Add(region);
            else unchanged++;
        }
        return new RegionImportPlan(added, changed, unchanged);
    }

    /// <summary>One line per change, for the report.</summary>
    public IEnumerable<string> Describe() =>
        Added.Select(r => $"added {r.Code} {r.Name}").Concat(Changed.Select(r => $"changed {r.Code} {r.Name}"));
}
