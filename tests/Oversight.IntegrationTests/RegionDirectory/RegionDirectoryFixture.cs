using Oversight.Testing;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>region-directory alone, on its own fresh database and cache prefix, started once per test class.</summary>
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
