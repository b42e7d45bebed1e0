namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>
/// The command-line import: <c>Oversight.RegionDirectory import-regions --provinces FILE [--regencies FILE]
/// [--decree TEXT] [--dry-run]</c>, with the service's own configuration (ConnectionStrings__directorydb).
/// Exit code 0 when imported (or nothing to do), 1 when any row was rejected, 2 on a usage error.
/// </summary>
public static class RegionImportCommand
{
    public const string Name = "import-regions";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? provinces = null, regencies = null, decree = null;
        var dryRun = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provinces" when i + 1 < args.Length: provinces = args[++i]; break;
                case "--regencies" when i + 1 < args.Length: regencies = args[++i]; break;
                case "--decree" when i + 1 < args.Length: decree = args[++i]; break;
                case "--dry-run": dryRun = true; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: {Name} --provinces FILE [--regencies FILE] [--decree TEXT] [--dry-run]");
                    return 2;
            }
        }
        if (provinces is null || !File.Exists(provinces) || (regencies is not null && !File.Exists(regencies)))
        {
            Console.Error.WriteLine($"{Name}: --provinces FILE is required, and every file named must exist.");
            return 2;
        }

        var importer = services.GetRequiredService<RegionImporter>();
        var report = await importer.ImportAsync(
            await File.ReadAllTextAsync(provinces),
            regencies is null ? null : await File.ReadAllTextAsync(regencies),
            decree, dryRun, CancellationToken.None);

        foreach (var rejection in report.Rejections) Console.WriteLine($"rejected: {rejection}");
        foreach (var change in report.Plan.Describe()) Console.WriteLine(change);
        Console.WriteLine($"{report.Plan.Added.Count} added, {report.Plan.Changed.Count} changed, {report.Plan.Unchanged} unchanged, " +
            $"{report.Rejections.Count} rejected; {(report.Applied ? "applied" : "nothing written")}");
        return report.Rejections.Count > 0 ? 1 : 0;
    }
}
