using Oversight.Testing;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>region-directory alone, on its own fresh database and cache prefix, started once per test class.</summary>
public sealed class RegionDirectoryFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public TestServers Servers => servers;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);

    public async ValueTask DisposeAsync()
    {
        // Null when the start failed: report that failure, not a NullReferenceException here.
        if (System is not null) await System.DisposeAsync();
    }
}
