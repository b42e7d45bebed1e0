using Oversight.Testing;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>
/// The directory's test classes that change no office and no official (reads, credentials, imports of the same list),
/// on one directory: each start of a system costs seconds of both cores. OfficeTests and OfficeAccessTests change
/// offices that the routing tests' expectations rest on, so they keep a directory each.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RegionDirectoryReadsCollection : ICollectionFixture<RegionDirectoryFixture>
{
    public const string Name = "RegionDirectoryReads";
}

/// <summary>region-directory alone, on its own fresh database and cache prefix.</summary>
public sealed class RegionDirectoryFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public TestServers Servers => servers;

    /// <summary>A national admin's token (valid 15 minutes, longer than any test class takes).</summary>
    public string AdminToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        System = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
        AdminToken = await System.AdminTokenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Null when the start failed: report that failure, not a NullReferenceException here.
        if (System is not null) await System.DisposeAsync();
    }
}
