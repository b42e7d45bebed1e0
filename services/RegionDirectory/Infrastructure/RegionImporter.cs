using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Import;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>The outcome of an import: the plan, whether it was written, and every rejected row.</summary>
public sealed record RegionImportReport(RegionImportPlan Plan, bool Applied, IReadOnlyList<ImportRejection> Rejections);

/// <summary>Parses, compares and (unless a dry run or any row was rejected) writes an import. Shared by the admin call and the command line.</summary>
public sealed class RegionImporter(RegionImportStore store, RegionCache cache, ILogger<RegionImporter> logger)
{
    public const string DefaultDecree = "Kepmendagri 300.2.2-2138/2025";

    /// <param name="regenciesCsv">Empty or null to import provinces only.</param>
    public async Task<RegionImportReport> ImportAsync(string provincesCsv, string? regenciesCsv, string? decree, bool dryRun, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(regenciesCsv)) regenciesCsv = "kode,kode_provinsi,nama,jenis";
        decree = string.IsNullOrWhiteSpace(decree) ? DefaultDecree : decree.Trim();
        var stored = await store.LoadAllAsync(cancellationToken);
        var knownProvinces = stored.Values.Where(r => r.Level == StoredRegionLevel.Province).Select(r => r.Code).ToHashSet();
        var parsed = RegionCsvParser.Parse(provincesCsv, regenciesCsv, knownProvinces);
        var plan = RegionImportPlan.Compute(parsed.Regions, stored, decree);

        var apply = parsed.Rejections.Count == 0 && !dryRun && (plan.Added.Count + plan.Changed.Count) > 0;
        if (apply)
        {
            await store.ApplyAsync(plan, decree, cancellationToken);
            // Added codes too: it costs nothing, and stays right should misses ever be cached.
            await cache.InvalidateAsync(plan.Added.Concat(plan.Changed).Select(r => r.Code));
        }

        logger.LogInformation(
            "Region import ({Decree}): {Added} added, {Changed} changed, {Unchanged} unchanged, {Rejected} rejected, applied: {Applied}",
            decree, plan.Added.Count, plan.Changed.Count, plan.Unchanged, parsed.Rejections.Count, apply);
        return new RegionImportReport(plan, apply, parsed.Rejections);
    }
}
