using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;
using Oversight.UnitTests.Complaints.Domain;
using Oversight.UnitTests.ServiceDefaults;
using static Microsoft.Extensions.Options.Options;

namespace Oversight.UnitTests.Complaints.Routing;

/// <summary>
/// Intake calls that miss the routing cache together ask the region directory once (the first second after a restart
/// under load). The directory is <see cref="HeldRegionDirectory"/>: what is tested is the router's own logic.
/// </summary>
public sealed class RoutingLookupsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static HandlingOfficeRouter Router(HeldRegionDirectory directory) =>
        new(directory.Client,
            new RoutingCache(Create(new RoutingCacheOptions()), new FakeClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)), NullLogger<RoutingCache>.Instance),
            NullLogger<HandlingOfficeRouter>.Instance);

    [Fact]
    public async Task Twenty_calls_missing_the_same_routing_together_ask_the_directory_once()
    {
        var directory = new HeldRegionDirectory();
        var router = Router(directory);

        var calls = Enumerable.Range(0, 20).Select(_ => router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None)).ToList();
        directory.Release.SetResult();
        var routings = await Task.WhenAll(calls);

        Assert.All(routings, r => Assert.Equal(("b-52.71", true), (r.OfficeId, r.InElectionPeriod)));
        Assert.Equal((1, 1), (directory.Calls("RouteComplaint"), directory.Calls("GetCampaignStatus")));
    }

    [Fact]
    public async Task When_the_shared_lookup_is_refused_the_waiting_calls_ask_for_themselves()
    {
        var directory = new HeldRegionDirectory(refuseRoutes: 1);
        var router = Router(directory);

        var first = router.RouteAsync("52.71", "", Day, "Bearer outside", CancellationToken.None);
        var second = router.RouteAsync("52.71", "", Day, "Bearer inside", CancellationToken.None);
        directory.Release.SetResult();

        var refused = await Assert.ThrowsAsync<RpcException>(() => first);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("b-52.71", (await second).OfficeId);
        Assert.Equal(2, directory.Calls("RouteComplaint"));
    }
}
