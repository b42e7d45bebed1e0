using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Model;
using RegionLevel = Oversight.RegionDirectory.Model.RegionLevel;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService(
    RegionRepository regions,
    RegionQueries queries,
    RegionImporter importer,
    ILogger<RegionDirectoryService> logger)
    : Contracts.RegionDirectory.RegionDirectory.RegionDirectoryBase
{
    public override async Task<Region> GetRegion(GetRegionRequest request, ServerCallContext context)
    {
        if (!RegionCode.IsValid(request.Code))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"code: {RegionCode.Rule}"));
        }

        RegionRecord? region;
        try
        {
            region = await regions.FindAsync(request.Code, context.CancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Region lookup failed, PostgreSQL unavailable: {Reason}", ex.Message);
            throw new RpcException(new Status(StatusCode.Unavailable, "The region directory database is unavailable."));
        }

        return region is null
            ? throw new RpcException(new Status(StatusCode.NotFound, $"code: no region with code {request.Code}"))
            : ToMessage(region);
    }

    internal static Region ToMessage(RegionRecord region) => new()
    {
        Code = region.Code,
        Name = region.Name,
        Level = region.Level == RegionLevel.Province
            ? Contracts.RegionDirectory.RegionLevel.Province
            : Contracts.RegionDirectory.RegionLevel.RegencyCity,
        ParentCode = region.ParentCode ?? "",
        Decree = region.Decree,
        HandlingOffice = region.HandlingOffice,
        Kind = region.Kind,
    };
}
