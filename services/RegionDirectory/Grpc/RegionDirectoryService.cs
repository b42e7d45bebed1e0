using Microsoft.AspNetCore.Authorization;
using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService(
    RegionRepository regions,
    RegionQueries queries,
    RegionImporter importer,
    OfficeQueries offices,
    OfficeStore officeStore,
    CachedComplaintRouter routing,
    ILogger<RegionDirectoryService> logger)
    : Contracts.RegionDirectory.RegionDirectory.RegionDirectoryBase
{
    [AllowAnonymous]
    public override async Task<Region> GetRegion(GetRegionRequest request, ServerCallContext context)
    {
        if (!RegionCode.IsValid(request.Code))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"code: {RegionCode.Rule}"));
        }

        var region = await WithDatabaseAsync("Region lookup", () => regions.FindAsync(request.Code, context.CancellationToken));

        return region is null
            ? throw new RpcException(new Status(StatusCode.NotFound, $"code: no region with code {request.Code}"))
            : ToMessage(region);
    }

    private Task<T> WithDatabaseAsync<T>(string what, Func<Task<T>> call) =>
        logger.CallDatabaseAsync("region directory database", what, call);

    internal static Region ToMessage(RegionRecord region) => new()
    {
        Code = region.Code,
        Name = region.Name,
        Level = region.Level == StoredRegionLevel.Province
            ? RegionLevel.Province
            : RegionLevel.RegencyCity,
        ParentCode = region.ParentCode ?? "",
        Decree = region.Decree,
        HandlingOffice = region.HandlingOffice,
        Kind = region.Kind,
    };
}
