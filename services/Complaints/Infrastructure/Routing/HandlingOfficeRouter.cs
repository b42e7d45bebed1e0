using System.Globalization;
using Grpc.Core;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;

namespace Oversight.Complaints.Infrastructure.Routing;

/// <summary>Who handles a complaint, as the region directory routes it, and whether the region was in its election period.</summary>
/// <param name="OfficeRegionCode">The Bawaslu office's region code; empty for Bawaslu RI.</param>
/// <param name="PpkName">Null when the directory knows no PPK for the employing region.</param>
public sealed record IntakeRouting(
    string OfficeId, string OfficeName, string OfficeRegionCode, string? PpkName, string? PpkRole, bool InElectionPeriod);

/// <summary>
/// Asks the region directory for the routing and the campaign status, mapping its failures onto this service's contract.
/// Answers come from the <see cref="RoutingCache"/> while fresh, and from older cached answers while the directory is
/// unavailable (docs/architecture.md, "Routing cache"). Callers check the caller's role and region scope first.
/// </summary>
public sealed class HandlingOfficeRouter(
    RegionDirectory.RegionDirectoryClient directory, RoutingCache cache, SharedRoutingAnswers shared, ILogger<HandlingOfficeRouter> logger)
{
    // Bounds each lookup, retries by the resilience handler included.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <param name="employingRegionCode">The accused's employing region (PPK); empty for <paramref name="regionCode"/>.</param>
    /// <param name="eventDate">The WIB date the violation happened (or of receipt): the election-period flag is for that date.</param>
    /// <param name="authorization">The caller's Authorization header, forwarded: routing needs a token whose scope covers the region.</param>
    public async Task<IntakeRouting> RouteAsync(
        string regionCode, string employingRegionCode, DateOnly eventDate, string? authorization, CancellationToken cancellationToken)
    {
        var routeKey = new RouteKey(regionCode, employingRegionCode);
        var campaignKey = new CampaignKey(regionCode, eventDate);
        // One read of the kept answers: fresh, they answer; just past FreshFor, they answer while one refresh runs;
        // older or missing, the call waits for the one look-up of the key.
        var options = cache.Options;
        var (routing, campaign) = HeldWithin(routeKey, campaignKey, options.FreshFor + options.ServeWhileRefreshing) switch
        {
            { } fresh when fresh.Age < options.FreshFor => (fresh.Routing, fresh.Campaign),
            { } held => Refreshing(held, routeKey, campaignKey, authorization),
            null => await cache.Lookups.GetAsync((routeKey, campaignKey),
                (out (ComplaintRouting, CampaignStatus) answers) => TryFresh(routeKey, campaignKey, out answers),
                () => FromSharedOrDirectoryAsync(routeKey, campaignKey, authorization, cancellationToken),
                cancellationToken),
        };

        var bawaslu = routing.Bawaslu
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"region_code: no Bawaslu office handles region {regionCode} (none in the region or above it in the directory)"));
        return new IntakeRouting(
            bawaslu.Id, bawaslu.Name, bawaslu.RegionCode,
            routing.Ppk is { } ppk ? ppk.Name : null, routing.Ppk?.Role,
            campaign.HoldsElection && campaign.InCampaignPeriod);
    }

    private bool TryFresh(RouteKey routeKey, CampaignKey campaignKey, out (ComplaintRouting, CampaignStatus) answers)
    {
        var fresh = cache.Options.FreshFor;
        var hasRouting = cache.Routes.TryGet(routeKey, fresh, out var routing, out _);
        var hasCampaign = cache.Campaigns.TryGet(campaignKey, fresh, out var campaign, out _);
        answers = (routing!, campaign!);
        return hasRouting && hasCampaign;
    }

    /// <summary>
    /// A miss: first what the other instances were given (a restarted instance's first calls), then the directory for
    /// whatever is still not fresh; answers from Redis older than that still serve as the fallback of an outage.
    /// </summary>
    private async Task<(ComplaintRouting Routing, CampaignStatus Campaign)> FromSharedOrDirectoryAsync(
        RouteKey routeKey, CampaignKey campaignKey, string? authorization, CancellationToken cancellationToken)
    {
        var (sharedRouting, sharedCampaign) = await shared.ReadAsync(routeKey, campaignKey);
        cache.Adopt(routeKey, sharedRouting, campaignKey, sharedCampaign);
        return TryFresh(routeKey, campaignKey, out var answers)
            ? answers
            : await AskDirectoryAsync(routeKey, campaignKey, authorization, cancellationToken);
    }

    /// <summary>
    /// Starts the one background look-up of the key (none if one is under way) and returns the held answers. The look-up
    /// carries this caller's token, whose scope over the region was checked before routing, and no caller's cancellation.
    /// </summary>
    private (ComplaintRouting Routing, CampaignStatus Campaign) Refreshing(Held held, RouteKey routeKey, CampaignKey campaignKey, string? authorization)
    {
        _ = RefreshAsync();
        return (held.Routing, held.Campaign);

        async Task RefreshAsync()
        {
            try
            {
                await cache.Lookups.RunUnlessUnderWayAsync((routeKey, campaignKey),
                    () => AskDirectoryAsync(routeKey, campaignKey, authorization, CancellationToken.None));
            }
            catch (RpcException ex)
            {
                // The held answers were served; a failed refresh leaves them to age into the waiting path.
                logger.LogDebug("Refreshing the routing of region {RegionCode} failed ({StatusCode})", routeKey.RegionCode, ex.StatusCode);
            }
            catch (Exception ex)
            {
                // Nobody awaits this task: what it did not expect is said here, or nowhere.
                logger.LogWarning("Refreshing the routing of region {RegionCode} failed: {Reason}", routeKey.RegionCode, ex.Message);
            }
        }
    }

    /// <summary>Asks for what is not fresh in the cache; falls back on usable cached answers when the directory is unavailable.</summary>
    private async Task<(ComplaintRouting Routing, CampaignStatus Campaign)> AskDirectoryAsync(
        RouteKey routeKey, CampaignKey campaignKey, string? authorization, CancellationToken cancellationToken)
    {
        var fresh = cache.Options.FreshFor;
        var generation = cache.Generation;
        var freshRouting = cache.Routes.TryGet(routeKey, fresh, out var keptRouting, out _) ? keptRouting : null;
        var freshCampaign = cache.Campaigns.TryGet(campaignKey, fresh, out var keptCampaign, out _) ? keptCampaign : null;
        var fallback = HeldWithin(routeKey, campaignKey, cache.Options.UsableFor);
        if (fallback is { } recent && cache.DirectoryRecentlyFailed)
        {
            // The directory failed moments ago: don't make this caller wait for it to fail again.
            cache.ServingStale(status: null, recent.Age);
            return (recent.Routing, recent.Campaign);
        }

        var headers = new Metadata();
        if (!string.IsNullOrEmpty(authorization))
        {
            headers.Add("authorization", authorization);
        }
        // With an answer in hand, wait less: the directory client's retries of a refused connection outlast an office's call.
        var deadline = DateTime.UtcNow.Add(fallback is null ? Deadline : cache.Options.WaitWhenCached);
        try
        {
            var routingCall = freshRouting is not null ? Task.FromResult(freshRouting) : directory.RouteComplaintAsync(
                new RouteComplaintRequest { RegionCode = routeKey.RegionCode, EmployingRegionCode = routeKey.EmployingRegionCode },
                headers, deadline: deadline, cancellationToken: cancellationToken).ResponseAsync;
            var campaignCall = freshCampaign is not null ? Task.FromResult(freshCampaign) : directory.GetCampaignStatusAsync(
                new GetCampaignStatusRequest { Code = campaignKey.RegionCode, Date = campaignKey.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                deadline: deadline, cancellationToken: cancellationToken).ResponseAsync;
            await Task.WhenAll(routingCall, campaignCall).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var routing = await routingCall;
            var campaign = await campaignCall;
            // Shared only when kept (an answer asked before a directory change is not handed on), and only what was asked.
            if (cache.Remember(routeKey, routing, campaignKey, campaign, generation))
            {
                await shared.WriteAsync(routeKey, freshRouting is null && routing.Bawaslu is not null ? routing : null,
                    campaignKey, freshCampaign is null ? campaign : null, cache.Clock.GetUtcNow(), cache.Options.UsableFor);
            }
            return (routing, campaign);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            var employing = ex.Status.Detail.Contains("employing_region_code", StringComparison.Ordinal);
            throw new RpcException(new Status(StatusCode.InvalidArgument, employing
                ? $"reported.region_code: no region with code {routeKey.EmployingRegionCode}"
                : $"region_code: no region with code {routeKey.RegionCode}"));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
        {
            throw new RpcException(new Status(ex.StatusCode, $"region directory: {ex.Status.Detail}"));
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            cache.DirectoryFailed();
            if (fallback is { } held)
            {
                cache.ServingStale(ex.StatusCode, held.Age);
                return (held.Routing, held.Campaign);
            }
            logger.LogWarning("Region directory unavailable ({StatusCode}): {Reason}", ex.StatusCode, ex.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The region directory is unavailable and no recent routing for region {routeKey.RegionCode} is cached; retry later."));
        }
    }

    private sealed record Held(ComplaintRouting Routing, CampaignStatus Campaign, TimeSpan Age);

    /// <summary>Both answers younger than <paramref name="limit"/>, with the older one's age; null when either is not.</summary>
    private Held? HeldWithin(RouteKey routeKey, CampaignKey campaignKey, TimeSpan limit) =>
        cache.Routes.TryGet(routeKey, limit, out var routing, out var routingAge)
        && cache.Campaigns.TryGet(campaignKey, limit, out var campaign, out var campaignAge)
            ? new Held(routing, campaign, routingAge > campaignAge ? routingAge : campaignAge)
            : null;
}
