using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.RegionDirectory;
using Oversight.ServiceDefaults.Caching;

namespace Oversight.Complaints.Infrastructure.Routing;

/// <summary>Routing answers are the same for every submission of a region and an employing region (PPK).</summary>
public readonly record struct RouteKey(string RegionCode, string EmployingRegionCode);

/// <summary>The election-period flag is per region and WIB date.</summary>
public readonly record struct CampaignKey(string RegionCode, DateOnly Date);

/// <summary>
/// The last good answers of the region directory, shared by every intake call of this process, and whether the
/// directory is in an outage. Only successful answers are kept (NotFound, PermissionDenied… are never cached), and a
/// <c>RegionDirectoryChanged</c> event drops everything (<c>RoutingCacheInvalidation</c>, IntegrationEvents/EventHandling).
/// The caller's scope is checked by ComplaintsService before routing, so a cached answer never widens access.
/// </summary>
public sealed class RoutingCache
{
    private static readonly Counter<long> StaleAnswers = OversightMetrics.RoutingStaleAnswers.CreateCounter();

    private readonly ILogger<RoutingCache> _logger;
    private readonly SourceOutage _outage;

    public RoutingCache(IOptions<RoutingCacheOptions> options, TimeProvider time, ILogger<RoutingCache> logger)
    {
        Options = options.Value;
        Clock = time;
        _logger = logger;
        _outage = new SourceOutage(time, Options.RecheckAfter);
        Routes = new AnswerCache<RouteKey, ComplaintRouting>(Options.MaxEntries, time);
        Campaigns = new AnswerCache<CampaignKey, CampaignStatus>(Options.MaxEntries, time);
    }

    public RoutingCacheOptions Options { get; }

    public TimeProvider Clock { get; }

    public AnswerCache<RouteKey, ComplaintRouting> Routes { get; }

    public AnswerCache<CampaignKey, CampaignStatus> Campaigns { get; }

    /// <summary>The directory look-ups under way, so that calls missing the same answers together ask once.</summary>
    public LookupsUnderWay<(RouteKey, CampaignKey)> Lookups { get; } = new();

    /// <summary>True within <see cref="RoutingCacheOptions.RecheckAfter"/> of a failed look-up: serve usable answers without asking.</summary>
    public bool DirectoryRecentlyFailed => _outage.RecentlyFailed;

    private int _generation;

    /// <summary>Changes with every <see cref="Clear"/>: a look-up asked before a drop must not keep its answers after it.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// The directory answered: keep its answers and end any outage. False (nothing kept) when the cache was dropped
    /// since <paramref name="askedIn"/>, the <see cref="Generation"/> the look-up started in: the answer may predate the change.
    /// </summary>
    public bool Remember(RouteKey routeKey, ComplaintRouting routing, CampaignKey campaignKey, CampaignStatus campaign, int? askedIn = null)
    {
        if (_outage.Answered())
        {
            _logger.LogInformation("Region directory answers again: routing from its answers");
        }
        if (askedIn is { } generation && generation != Generation) return false;
        // A routing without a Bawaslu office is refused (FailedPrecondition): not a successful answer to keep.
        if (routing.Bawaslu is not null)
        {
            Routes.Put(routeKey, routing);
        }
        Campaigns.Put(campaignKey, campaign);
        return true;
    }

    /// <summary>Answers another instance was given (<see cref="SharedRoutingAnswers"/>), at their own age; a newer one held here stays.</summary>
    public void Adopt(RouteKey routeKey, SharedAnswer<ComplaintRouting>? routing, CampaignKey campaignKey, SharedAnswer<CampaignStatus>? campaign)
    {
        if (routing is not null && routing.Answer.Bawaslu is not null) Routes.Adopt(routeKey, routing.Answer, routing.ReceivedAt);
        if (campaign is not null) Campaigns.Adopt(campaignKey, campaign.Answer, campaign.ReceivedAt);
    }

    /// <summary>A look-up failed because the directory is unavailable.</summary>
    public void DirectoryFailed() => _outage.Failed();

    /// <summary>A submission is routed from answers older than FreshFor: counted, and logged once per outage.</summary>
    public void ServingStale(StatusCode? status, TimeSpan age)
    {
        StaleAnswers.Add(1);
        if (_outage.ServingOlderAnswer())
        {
            _logger.LogWarning(
                "Region directory unavailable ({StatusCode}): routing submissions from cached answers up to {UsableFor} old (this one {AgeSeconds:0} s) until it answers again",
                status?.ToString() ?? "recently failed", Options.UsableFor, age.TotalSeconds);
        }
    }

    /// <summary>The directory's data changed: every kept answer may be wrong now.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        Routes.Clear();
        Campaigns.Clear();
    }
}
