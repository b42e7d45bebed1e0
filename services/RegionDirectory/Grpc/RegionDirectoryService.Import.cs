using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.Security.Authentication;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService
{
    // Generous for the official list (~30 KB) while keeping a single call bounded.
    private const int MaxCsvLength = 2 * 1024 * 1024;

    public override async Task<ImportRegionsReply> ImportRegions(ImportRegionsRequest request, ServerCallContext context)
    {
        // The official list is national reference data: only a national admin may replace it.
        context.RequireOfficeRole(OfficeRoles.Admin, RegionScope.National, logger);

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(request.ProvincesCsv)) errors.Add("provinces_csv: is required (header kode,nama)");
        if (request.ProvincesCsv.Length > MaxCsvLength) errors.Add($"provinces_csv: must be at most {MaxCsvLength} characters");
        if (request.RegenciesCsv.Length > MaxCsvLength) errors.Add($"regencies_csv: must be at most {MaxCsvLength} characters");
        if (request.Decree.Length > 200) errors.Add("decree: must be at most 200 characters");
        if (errors.Count > 0) throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));

        var report = await WithDatabaseAsync("Region import", () =>
            importer.ImportAsync(request.ProvincesCsv, request.RegenciesCsv, request.Decree, request.DryRun, context.CancellationToken));

        if (report.Rejections.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"{report.Rejections.Count} rows rejected, nothing imported: " + string.Join("; ", report.Rejections)));
        }
        var reply = new ImportRegionsReply
        {
            Added = report.Plan.Added.Count,
            Changed = report.Plan.Changed.Count,
            Unchanged = report.Plan.Unchanged,
            Applied = report.Applied,
        };
        reply.Changes.AddRange(report.Plan.Describe());
        return reply;
    }
}
