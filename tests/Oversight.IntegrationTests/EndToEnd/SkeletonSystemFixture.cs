using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>All four services, started once for the walking-skeleton tests.</summary>
public sealed class SkeletonSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}
