namespace Oversight.Testing;

/// <summary>
/// The official region list the repository ships in <c>data/regions</c> (the public list of Kepmendagri
/// 300.2.2-2138/2025), found from the test's build output. OVERSIGHT_REGIONS_DIR overrides.
/// </summary>
public static class SharedData
{
    public static string RegionsDirectory { get; } = Locate();

    public static string ProvincesCsv => Path.Combine(RegionsDirectory, "provinces-2025.csv");

    public static string RegenciesCsv => Path.Combine(RegionsDirectory, "regencies-2025.csv");

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("OVERSIGHT_REGIONS_DIR") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "regions");
            if (File.Exists(Path.Combine(candidate, "provinces-2025.csv")) && File.Exists(Path.Combine(dir.FullName, "Oversight.sln"))) return candidate;
        }
        throw new DirectoryNotFoundException("The repository's data/regions was not found above the test's build output: set OVERSIGHT_REGIONS_DIR.");
    }
}
