using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.Regions;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.Model;
using Oversight.Security.Authentication;
using StackExchange.Redis;

namespace Oversight.Reporting.Grpc;

/// <summary>The report queries over gRPC (and REST through transcoding); every one scoped to the caller's region.</summary>
public sealed class ReportingService(ReportReader reports, SummaryWatcher watcher, ProjectionRebuild rebuild, ILogger<ReportingService> logger)
    : Contracts.Reporting.Reporting.ReportingBase
{
    // An exact count, even of 1 or 2: so a token whose scope covers the region, like every report. The public
    // counts, with small ones suppressed, are the open data (GET /v1/open-data/counts).
    public override Task<RegionCounts> GetRegionCounts(GetRegionCountsRequest request, ServerCallContext context)
    {
        if (!RegionCode.IsValid(request.RegionCode))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"region_code: {RegionCode.Rule}"));
        context.RequireReadableRegion(request.RegionCode, logger);
        return Read(async () => new RegionCounts { RegionCode = request.RegionCode, Submitted = await reports.TotalAsync(request.RegionCode) });
    }

    public override Task<RegionSummary> GetSummary(GetSummaryRequest request, ServerCallContext context)
    {
        context.RequireReadableRegion(request.RegionCode, logger);
        return Read(() => reports.SummaryAsync(request.RegionCode));
    }

    public override Task<TimeSeries> GetTimeSeries(GetTimeSeriesRequest request, ServerCallContext context)
    {
        context.RequireReadableRegion(request.RegionCode, logger);
        var (from, to) = ReportRequests.RequireDateRange(request.From, request.To);
        return Read(() => reports.TimeSeriesAsync(request.RegionCode, from, to));
    }

    public override Task<OverdueList> ListOverdue(ListOverdueRequest request, ServerCallContext context)
    {
        context.RequireReadableRegion(request.RegionCode, logger);
        var owner = ReportRequests.RequireOwner(request.Owner);
        return Read(() => reports.OverdueAsync(request.RegionCode, owner));
    }

    public override Task<AgencyRanking> TopAgencies(TopAgenciesRequest request, ServerCallContext context)
    {
        context.RequireReadableRegion(request.RegionCode, logger);
        var n = ReportRequests.RequireTopN(request.N);
        return Read(() => reports.TopAgenciesAsync(request.RegionCode, n));
    }

    public override async Task WatchSummary(GetSummaryRequest request, IServerStreamWriter<RegionSummary> responseStream, ServerCallContext context)
    {
        context.RequireReadableRegion(request.RegionCode, logger);
        await foreach (var summary in watcher.WatchAsync(request.RegionCode, context.CancellationToken))
        {
            await responseStream.WriteAsync(summary, context.CancellationToken);
        }
    }

    public override async Task<RebuildReadModelReply> RebuildReadModel(RebuildReadModelRequest request, ServerCallContext context)
    {
        context.RequireOfficeRole(OfficeRoles.Admin, RegionCode.National, logger);
        // The export is the complaints service's to authorize: it gets the admin's own token.
        var token = new Metadata { { "Authorization", context.RequestHeaders.GetValue("authorization") ?? "" } };
        var result = await Read(() => rebuild.RunAsync(token, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "A rebuild is already running."));
        return new RebuildReadModelReply { Generation = result.Generation, Complaints = result.Complaints };
    }

    private async Task<T> Read<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Report unavailable, Redis unreachable: {ExceptionType}", ex.GetType().Name);
            throw new RpcException(new Status(StatusCode.Unavailable, "The reporting store is unavailable."));
        }
    }
}
