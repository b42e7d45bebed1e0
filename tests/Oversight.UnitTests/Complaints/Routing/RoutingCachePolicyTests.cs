using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;
using Oversight.ServiceDefaults.Caching;
using Oversight.UnitTests.Complaints.Domain;
using MicrosoftOptions = Microsoft.Extensions.Options.Options;

namespace Oversight.UnitTests.Complaints.Routing;

/// <summary>The routing cache's policy on a fake clock: fresh, usable while the directory is down, expired, bounded.</summary>
public sealed class RoutingCachePolicyTests
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan UsableFor = TimeSpan.FromHours(24);
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_answer_is_fresh_until_FreshFor_then_usable_until_UsableFor_then_gone()
    {
        var cache = new AnswerCache<string, string>(10, _clock);
        cache.Put("52.71", "Bawaslu Kota Mataram");

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(cache.TryGet("52.71", FreshFor, out var fresh, out var age));
        Assert.Equal(("Bawaslu Kota Mataram", TimeSpan.FromSeconds(59)), (fresh, age));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("52.71", FreshFor, out _, out _));
        Assert.True(cache.TryGet("52.71", UsableFor, out var stale, out _));
        Assert.Equal("Bawaslu Kota Mataram", stale);

        _clock.Advance(UsableFor);
        Assert.False(cache.TryGet("52.71", UsableFor, out _, out _));
    }

    [Fact]
    public void A_new_answer_restarts_the_clock_and_FreshFor_zero_is_never_fresh()
    {
        var cache = new AnswerCache<string, string>(10, _clock);
        cache.Put("52.71", "old");
        _clock.Advance(TimeSpan.FromMinutes(5));
        cache.Put("52.71", "new");

        Assert.True(cache.TryGet("52.71", FreshFor, out var value, out _));
        Assert.Equal("new", value);
        Assert.False(cache.TryGet("52.71", TimeSpan.Zero, out _, out _));
    }

    [Fact]
    public void A_full_cache_evicts_its_oldest_answer_and_keeps_its_bound()
    {
        var cache = new AnswerCache<string, int>(3, _clock);
        foreach (var (code, i) in new[] { "52", "52.71", "64", "64.03" }.Select((c, i) => (c, i)))
        {
            cache.Put(code, i);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("52", UsableFor, out _, out _));
        Assert.True(cache.TryGet("64.03", UsableFor, out var newest, out _));
        Assert.Equal(3, newest);

        // Replacing a key already held evicts nothing.
        cache.Put("52.71", 9);
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("64", UsableFor, out _, out _));
    }

    [Fact]
    public void A_cache_bounded_at_zero_keeps_nothing()
    {
        var cache = new AnswerCache<string, int>(0, _clock);
        cache.Put("52.71", 1);
        Assert.False(cache.TryGet("52.71", UsableFor, out _, out _));
    }

    [Fact]
    public void Only_a_routing_with_a_Bawaslu_office_is_kept_and_a_directory_change_drops_everything()
    {
        var cache = NewRoutingCache(new RoutingCacheOptions());
        var campaign = new CampaignStatus { HoldsElection = true, InCampaignPeriod = true };
        cache.Remember(new RouteKey("52.71", "52.71"), new ComplaintRouting { Bawaslu = new Office { Id = "b", Name = "Bawaslu Kota Mataram", RegionCode = "52.71" } },
            new CampaignKey("52.71", new DateOnly(2026, 11, 21)), campaign);
        cache.Remember(new RouteKey("99.99", ""), new ComplaintRouting(), new CampaignKey("99.99", new DateOnly(2026, 11, 21)), campaign);

        Assert.True(cache.Routes.TryGet(new RouteKey("52.71", "52.71"), FreshFor, out _, out _));
        Assert.False(cache.Routes.TryGet(new RouteKey("99.99", ""), UsableFor, out _, out _));
        Assert.Equal(2, cache.Campaigns.Count);

        cache.Clear();
        Assert.Equal((0, 0), (cache.Routes.Count, cache.Campaigns.Count));
    }

    [Fact]
    public void After_a_failed_lookup_the_directory_is_not_asked_again_for_RecheckAfter_and_an_answer_ends_the_outage()
    {
        var cache = NewRoutingCache(new RoutingCacheOptions { RecheckAfter = TimeSpan.FromSeconds(5) });
        Assert.False(cache.DirectoryRecentlyFailed);

        cache.DirectoryFailed();
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(cache.DirectoryRecentlyFailed);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.DirectoryRecentlyFailed);

        cache.DirectoryFailed();
        cache.Remember(new RouteKey("52.71", ""), new ComplaintRouting(), new CampaignKey("52.71", new DateOnly(2026, 11, 21)), new CampaignStatus());
        Assert.False(cache.DirectoryRecentlyFailed);
    }

    [Theory]
    [InlineData(-1, 60, 2, 10, "FreshFor")]
    [InlineData(60, 30, 2, 10, "UsableFor")]
    [InlineData(60, 3600, 0, 10, "WaitWhenCached")]
    [InlineData(60, 3600, 2, -1, "MaxEntries")]
    public void A_bad_setting_is_named(int freshSeconds, int usableSeconds, int waitSeconds, int maxEntries, string field)
    {
        var options = new RoutingCacheOptions
        {
            FreshFor = TimeSpan.FromSeconds(freshSeconds),
            UsableFor = TimeSpan.FromSeconds(usableSeconds),
            WaitWhenCached = TimeSpan.FromSeconds(waitSeconds),
            MaxEntries = maxEntries,
        };
        Assert.StartsWith($"Complaints:Routing:{field}:", options.Invalidity());
        Assert.Null(new RoutingCacheOptions().Invalidity());
    }

    [Fact]
    public void An_answer_asked_before_a_drop_is_not_kept_after_it()
    {
        var cache = NewRoutingCache(new RoutingCacheOptions());
        var asked = cache.Generation;
        cache.Clear();

        var kept = cache.Remember(new RouteKey("52.71", ""), new ComplaintRouting { Bawaslu = new Office { Id = "b" } },
            new CampaignKey("52.71", new DateOnly(2026, 11, 21)), new CampaignStatus(), asked);

        Assert.False(kept);
        Assert.Equal((0, 0), (cache.Routes.Count, cache.Campaigns.Count));
    }

    [Fact]
    public void An_adopted_answer_keeps_its_age_and_never_replaces_a_newer_one()
    {
        var cache = NewRoutingCache(new RoutingCacheOptions());
        var key = new CampaignKey("52.71", new DateOnly(2026, 11, 21));
        var now = cache.Clock.GetUtcNow();
        cache.Adopt(new RouteKey("52.71", ""), null, key, new SharedAnswer<CampaignStatus>(new CampaignStatus { HoldsElection = true }, now.AddSeconds(-50)));
        Assert.True(cache.Campaigns.TryGet(key, TimeSpan.FromSeconds(60), out var adopted, out var age));
        Assert.True(adopted.HoldsElection);
        Assert.Equal(TimeSpan.FromSeconds(50), age);

        cache.Adopt(new RouteKey("52.71", ""), null, key, new SharedAnswer<CampaignStatus>(new CampaignStatus { HoldsElection = false }, now.AddSeconds(-55)));
        Assert.True(cache.Campaigns.TryGet(key, TimeSpan.FromSeconds(60), out var held, out _));
        Assert.True(held.HoldsElection);
    }

    [Fact]
    public void A_negative_ServeWhileRefreshing_is_named() =>
        Assert.StartsWith("Complaints:Routing:ServeWhileRefreshing:", new RoutingCacheOptions { ServeWhileRefreshing = TimeSpan.FromSeconds(-1) }.Invalidity());

    private RoutingCache NewRoutingCache(RoutingCacheOptions options) =>
        new(MicrosoftOptions.Create(options), _clock, NullLogger<RoutingCache>.Instance);
}
