using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.Regions;
using Oversight.ServiceDefaults.Warmup;

namespace Oversight.Complaints.Infrastructure.Routing;

/// <summary>
/// One anonymous call to the region directory before complaints reports ready, so that the first submissions do not
/// also resolve the directory's address, open its HTTP/2 connection and build the client's pipeline. The answer is
/// not kept: any answer, "no such region" included, means the channel is up.
/// </summary>
public sealed class DirectoryWarmup(RegionDirectory.RegionDirectoryClient directory, TimeProvider clock) : IWarmupStep
{
    // A province code (Aceh); whether the directory holds it does not matter (NotFound is an answer too).
    private const string AnyRegion = "11";

    public string Name => "region directory channel";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await directory.GetCampaignStatusAsync(
                new GetCampaignStatusRequest { Code = AnyRegion, Date = IndonesianTime.Format(IndonesianTime.Today(clock)) },
                cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
        }
    }
}
