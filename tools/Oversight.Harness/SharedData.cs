namespace Oversight.Harness;

/// <summary>
/// The official region list the repository ships in <c>data/regions</c> (the public list of Kepmendagri
/// 300.2.2-2138/2025), found from the test's build output. OVERSIGHT_REGIONS_DIR overrides.
/// </summary>
public static class SharedData
{
    public static string RegionsDirectory { get; } = Locate();

    public static string ProvincesCsv => Path.Combine(RegionsDirectory, "provinces-2025.csv");

    public static string RegenciesCsv => Path.Combine(RegionsDirectory, "regencies-2025.csv");

    /// <summary>The repository's root folder (the one holding Oversight.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Oversight.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Oversight.sln was not found above the test's build output.");
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("OVERSIGHT_REGIONS_DIR") is { Length: > 0 } configured) return configured;
        return Path.Combine(FindRoot(), "data", "regions");
    }
}
