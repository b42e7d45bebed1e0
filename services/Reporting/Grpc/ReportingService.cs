using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Grpc;

public sealed class ReportingService(RegionCountsStore counts, ILogger<ReportingService> logger)
    : Contracts.Reporting.Reporting.ReportingBase
{
    public override async Task<RegionCounts> GetRegionCounts(GetRegionCountsRequest request, ServerCallContext context)
    {
        if (!RegionCode.IsValid(request.RegionCode))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"region_code: {RegionCode.Rule}"));
        }

        try
        {
            return new RegionCounts
            {
                RegionCode = request.RegionCode,
                Submitted = await counts.SubmittedAsync(request.RegionCode),
            };
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Region counts unavailable, Redis unreachable: {Reason}", ex.Message);
            throw new RpcException(new Status(StatusCode.Unavailable, "The reporting store is unavailable."));
        }
    }
}
