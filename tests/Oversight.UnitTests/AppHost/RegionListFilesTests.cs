using Oversight.AppHost.Commands;

namespace Oversight.UnitTests.AppHost;

/// <summary>Where "Import region list" looks for the official list, and how it reads the paths an admin types.</summary>
public sealed class RegionListFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oversight-regions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_official_list_is_found_in_shared_data_regions_above_the_AppHost()
    {
        var appHost = Directory.CreateDirectory(Path.Combine(_root, "work", "main", "AppHost", "Oversight.AppHost")).FullName;
        var regions = Directory.CreateDirectory(Path.Combine(_root, "work", "shared", "data", "regions")).FullName;
        File.WriteAllText(Path.Combine(regions, RegionListFiles.Provinces), "kode,nama\n");

        Assert.Equal(regions, RegionListFiles.Locate(appHost, configured: null));
        Assert.Equal(Path.Combine(_root, "elsewhere"), RegionListFiles.Locate(appHost, Path.Combine(_root, "elsewhere")));
    }

    [Fact]
    public void Without_the_official_list_there_is_no_default()
    {
        var appHost = Directory.CreateDirectory(Path.Combine(_root, "repo", "AppHost", "Oversight.AppHost")).FullName;
        // A folder of that name without the provinces file is not the list.
        Directory.CreateDirectory(Path.Combine(_root, "shared", "data", "regions"));
        Assert.Null(RegionListFiles.Locate(appHost, configured: " "));
    }

    [Fact]
    public void Relative_paths_start_at_the_repository_root_as_in_the_README()
    {
        var repository = RegionListFiles.RepositoryRoot(Path.Combine(_root, "work", "main", "AppHost", "Oversight.AppHost"));
        Assert.Equal(Path.Combine(_root, "work", "main"), repository);
        Assert.Equal(Path.Combine(_root, "work", "shared", "data", "regions", "provinces-2025.csv"),
            RegionListFiles.Resolve(" ../shared/data/regions/provinces-2025.csv ", repository));
        Assert.Equal("/data/p.csv", RegionListFiles.Resolve("/data/p.csv", repository));
    }
}
