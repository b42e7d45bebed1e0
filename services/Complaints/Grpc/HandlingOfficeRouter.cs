using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using RegionDirectoryClient = Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient;

namespace Oversight.Complaints.Grpc;

/// <summary>Asks the region directory which office handles a region, mapping its failures onto this service's contract.</summary>
public sealed class HandlingOfficeRouter(RegionDirectoryClient directory, ILogger<HandlingOfficeRouter> logger)
{
    // Bounds the whole lookup, retries by the resilience handler included.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<string> HandlingOfficeForAsync(string regionCode, CancellationToken cancellationToken)
    {
        try
        {
            var region = await directory.GetRegionAsync(
                new GetRegionRequest { Code = regionCode },
                deadline: DateTime.UtcNow.Add(Deadline),
                cancellationToken: cancellationToken);
            return region.HandlingOffice;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"region_code: no region with code {regionCode}"));
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            logger.LogWarning("Region directory unavailable ({StatusCode}): {Reason}", ex.StatusCode, ex.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unavailable, "The region directory is unavailable."));
        }
    }
}
