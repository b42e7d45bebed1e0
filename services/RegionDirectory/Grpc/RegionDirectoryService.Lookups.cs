using Microsoft.AspNetCore.Authorization;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Model;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService
{
    [AllowAnonymous]
    public override async Task<RegionList> ListChildren(ListChildrenRequest request, ServerCallContext context)
    {
        if (request.Code.Length > 0) RequireValidCode("code", request.Code);

        var children = await WithDatabaseAsync("Listing child regions", () => queries.ChildrenAsync(request.Code, context.CancellationToken));
        return children is null ? throw UnknownCode(request.Code) : ToList(children);
    }

    [AllowAnonymous]

    public override async Task<RegionList> ListAncestors(ListAncestorsRequest request, ServerCallContext context)
    {
        RequireValidCode("code", request.Code);

        var ancestors = await WithDatabaseAsync("Listing ancestor regions", () => queries.AncestorsAsync(request.Code, context.CancellationToken));
        return ancestors is null ? throw UnknownCode(request.Code) : ToList(ancestors);
    }

    [AllowAnonymous]

    public override async Task<RegionList> SearchRegions(SearchRegionsRequest request, ServerCallContext context)
    {
        var errors = new List<string>();
        if (RegionNameSearch.ValidateQuery(request.Query) is { } queryError) errors.Add(queryError);
        if (request.WithinCode.Length > 0 && !RegionCode.IsValid(request.WithinCode)) errors.Add($"within_code: {RegionCode.Rule}");
        var limit = RegionNameSearch.EffectiveLimit(request.Limit);
        if (limit is null) errors.Add($"limit: must be between 1 and {RegionNameSearch.MaxLimit}");
        if (errors.Count > 0) throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));

        var candidates = await WithDatabaseAsync("Region search", () => queries.SearchCandidatesAsync(request.WithinCode, context.CancellationToken));
        return ToList(RegionNameSearch.Rank(candidates, request.Query.Trim(), limit!.Value));
    }

    private static void RequireValidCode(string field, string code)
    {
        if (!RegionCode.IsValid(code)) throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {RegionCode.Rule}"));
    }

    private static RpcException UnknownCode(string code) =>
        new(new Status(StatusCode.NotFound, $"code: no region with code {code}"));

    private static RegionList ToList(IEnumerable<RegionRecord> records)
    {
        var list = new RegionList();
        list.Regions.AddRange(records.Select(ToMessage));
        return list;
    }

}
