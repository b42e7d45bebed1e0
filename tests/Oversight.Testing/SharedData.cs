namespace Oversight.Testing;

/// <summary>
/// The official region list in the workplace's shared folder (../shared/data/regions beside the
/// repository), read in place: the project does not copy it. OVERSIGHT_REGIONS_DIR overrides.
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
            var candidate = Path.Combine(dir.FullName, "shared", "data", "regions");
            if (Directory.Exists(candidate)) return candidate;
        }
        const string workplace = "/work/shared/data/regions";
        return Directory.Exists(workplace)
            ? workplace
            : throw new DirectoryNotFoundException("The shared region list was not found: set OVERSIGHT_REGIONS_DIR to the folder holding provinces-2025.csv.");
    }
}
