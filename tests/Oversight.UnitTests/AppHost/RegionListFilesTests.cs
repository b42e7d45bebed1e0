using Oversight.AppHost.Commands;

namespace Oversight.UnitTests.AppHost;

/// <summary>Where "Import region list" looks for the official list, and how it reads the paths an admin types.</summary>
public sealed class RegionListFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oversight-regions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_official_list_is_the_repositorys_own_copy_unless_another_folder_is_configured()
    {
        var appHost = Path.Combine(_root, "repo", "AppHost", "Oversight.AppHost");
        Assert.Equal(Path.Combine(_root, "repo", "data", "regions"), RegionListFiles.Locate(appHost, configured: null));
        Assert.Equal(Path.Combine(_root, "repo", "data", "regions"), RegionListFiles.Locate(appHost, configured: " "));
        Assert.Equal(Path.Combine(_root, "elsewhere"), RegionListFiles.Locate(appHost, Path.Combine(_root, "elsewhere")));
    }

    [Fact]
    public void The_repository_ships_the_official_list_of_38_provinces_and_514_regencies_and_cities()
    {
        var repository = RegionListFiles.RepositoryRoot(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "AppHost", "Oversight.AppHost"));
        var regions = RegionListFiles.Locate(Path.Combine(repository, "AppHost", "Oversight.AppHost"), configured: null);
        Assert.Equal(38, File.ReadAllLines(Path.Combine(regions, RegionListFiles.Provinces)).Skip(1).Count(line => line.Length > 0));
        Assert.Equal(514, File.ReadAllLines(Path.Combine(regions, RegionListFiles.Regencies)).Skip(1).Count(line => line.Length > 0));
    }

    [Fact]
    public void Relative_paths_start_at_the_repository_root_as_in_the_README()
    {
        var repository = RegionListFiles.RepositoryRoot(Path.Combine(_root, "work", "main", "AppHost", "Oversight.AppHost"));
        Assert.Equal(Path.Combine(_root, "work", "main"), repository);
        Assert.Equal(Path.Combine(_root, "work", "main", "data", "regions", "provinces-2025.csv"),
            RegionListFiles.Resolve(" data/regions/provinces-2025.csv ", repository));
        Assert.Equal("/data/p.csv", RegionListFiles.Resolve("/data/p.csv", repository));
    }
}
