using System.Globalization;
using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using RegionDirectoryClient = Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient;

namespace Oversight.Complaints.Grpc;

/// <summary>Who handles a complaint, as the region directory routes it, and whether the region was in its election period.</summary>
/// <param name="OfficeRegionCode">The Bawaslu office's region code; empty for Bawaslu RI.</param>
/// <param name="PpkName">Null when the directory knows no PPK for the employing region.</param>
public sealed record IntakeRouting(
    string OfficeId, string OfficeName, string OfficeRegionCode, string? PpkName, string? PpkRole, bool InElectionPeriod);

/// <summary>Asks the region directory for the routing and the campaign status, mapping its failures onto this service's contract.</summary>
public sealed class HandlingOfficeRouter(RegionDirectoryClient directory, ILogger<HandlingOfficeRouter> logger)
{
    // Bounds each lookup, retries by the resilience handler included.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <param name="employingRegionCode">The accused's employing region (PPK); empty for <paramref name="regionCode"/>.</param>
    /// <param name="eventDate">The WIB date the violation happened (or of receipt): the election-period flag is for that date.</param>
    /// <param name="authorization">The caller's Authorization header, forwarded: routing needs a token whose scope covers the region.</param>
    public async Task<IntakeRouting> RouteAsync(
        string regionCode, string employingRegionCode, DateOnly eventDate, string? authorization, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(authorization))
        {
            headers.Add("authorization", authorization);
        }
        ComplaintRouting routing;
        CampaignStatus campaign;
        try
        {
            var routingCall = directory.RouteComplaintAsync(
                new RouteComplaintRequest { RegionCode = regionCode, EmployingRegionCode = employingRegionCode },
                headers, deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken).ResponseAsync;
            var campaignCall = directory.GetCampaignStatusAsync(
                new GetCampaignStatusRequest { Code = regionCode, Date = eventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken).ResponseAsync;
            await Task.WhenAll(routingCall, campaignCall).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            routing = await routingCall;
            campaign = await campaignCall;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            var employing = ex.Status.Detail.Contains("employing_region_code", StringComparison.Ordinal);
            throw new RpcException(new Status(StatusCode.InvalidArgument, employing
                ? $"reported.region_code: no region with code {employingRegionCode}"
                : $"region_code: no region with code {regionCode}"));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
        {
            throw new RpcException(new Status(ex.StatusCode, $"region directory: {ex.Status.Detail}"));
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            logger.LogWarning("Region directory unavailable ({StatusCode}): {Reason}", ex.StatusCode, ex.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unavailable, "The region directory is unavailable."));
        }

        var bawaslu = routing.Bawaslu
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"region_code: no Bawaslu office handles region {regionCode} (none in the region or above it in the directory)"));
        return new IntakeRouting(
            bawaslu.Id, bawaslu.Name, bawaslu.RegionCode,
            routing.Ppk is { } ppk ? ppk.Name : null, routing.Ppk?.Role,
            campaign.HoldsElection && campaign.InCampaignPeriod);
    }
}
