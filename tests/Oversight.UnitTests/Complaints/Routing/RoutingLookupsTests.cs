using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;
using Oversight.UnitTests.Complaints.Domain;
using Oversight.UnitTests.ServiceDefaults;
using StackExchange.Redis;
using static Microsoft.Extensions.Options.Options;

namespace Oversight.UnitTests.Complaints.Routing;

/// <summary>
/// Intake calls that miss the routing cache together ask the region directory once (the first second after a restart
/// under load). The directory is <see cref="HeldRegionDirectory"/>: what is tested is the router's own logic.
/// </summary>
public sealed class RoutingLookupsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    // Redis as the router finds it when no Redis answers (nothing listens on the discard port): the shared answers are
    // skipped and the router's own logic is what is tested. (With Redis: RoutingCacheTests, integration.)
    private static readonly IConnectionMultiplexer NoRedis = ConnectionMultiplexer.Connect(
        new ConfigurationOptions { EndPoints = { "127.0.0.1:9" }, AbortOnConnectFail = false, ConnectTimeout = 100 });

    private static HandlingOfficeRouter Router(HeldRegionDirectory directory, FakeClock? clock = null, RoutingCacheOptions? options = null)
    {
        var settings = Create(options ?? new RoutingCacheOptions());
        return new(directory.Client,
            new RoutingCache(settings, clock ?? new FakeClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)), NullLogger<RoutingCache>.Instance),
            new SharedRoutingAnswers(NoRedis, settings, NullLogger<SharedRoutingAnswers>.Instance),
            NullLogger<HandlingOfficeRouter>.Instance);
    }

    // A router whose cache holds the directory's answers for 52.71, received at the clock's time; the directory then held.
    private static async Task<HandlingOfficeRouter> RouterHoldingAnswersAsync(HeldRegionDirectory directory, FakeClock clock, RoutingCacheOptions? options = null)
    {
        var router = Router(directory, clock, options);
        directory.Release.SetResult();
        await router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None);
        directory.Hold();
        return router;
    }

    [Fact]
    public async Task An_answer_just_past_FreshFor_is_served_at_once_while_one_lookup_refreshes_it()
    {
        var directory = new HeldRegionDirectory();
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        var router = await RouterHoldingAnswersAsync(directory, clock);
        clock.Advance(TimeSpan.FromSeconds(90)); // FreshFor 60 s, ServeWhileRefreshing 60 s

        // The directory is held, yet all twenty calls answer: from the held answers.
        var routings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(routings, r => Assert.Equal("b-52.71", r.OfficeId));

        // One refresh was started and waits on the directory; released, it keeps a fresh answer, so the next call asks nothing.
        directory.Release.SetResult();
        await Eventually(() => directory.Calls("RouteComplaint") == 2 && directory.Calls("GetCampaignStatus") == 2);
        await router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None);
        await Task.Delay(100);
        Assert.Equal((2, 2), (directory.Calls("RouteComplaint"), directory.Calls("GetCampaignStatus")));
    }

    [Theory]
    [InlineData(121, 60)] // past FreshFor + ServeWhileRefreshing
    [InlineData(61, 0)] // serving while refreshing turned off
    public async Task An_older_answer_waits_for_the_directory(int ageSeconds, int serveWhileRefreshingSeconds)
    {
        var directory = new HeldRegionDirectory();
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        var router = await RouterHoldingAnswersAsync(directory, clock,
            new RoutingCacheOptions { ServeWhileRefreshing = TimeSpan.FromSeconds(serveWhileRefreshingSeconds) });
        clock.Advance(TimeSpan.FromSeconds(ageSeconds));

        var call = router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None);
        await Task.Delay(200);
        Assert.False(call.IsCompleted, "the call answered without waiting for the held directory");
        directory.Release.SetResult();
        Assert.Equal("b-52.71", (await call).OfficeId);
        Assert.Equal(2, directory.Calls("RouteComplaint"));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 5_000, "the background refresh did not happen");
            await Task.Delay(10);
        }
    }

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
