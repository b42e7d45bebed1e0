using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>The walking-skeleton and event-envelope classes, on one system (each counts and reads its own region's complaints).</summary>
[CollectionDefinition(Name)]
public sealed class SkeletonCollection : ICollectionFixture<SkeletonSystemFixture>
{
    public const string Name = "Skeleton";
}

/// <summary>All four services, with the AppHost's settings.</summary>
public sealed class SkeletonSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}
