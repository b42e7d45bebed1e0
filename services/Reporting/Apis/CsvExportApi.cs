using System.Text;
using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.Regions;
using Oversight.Reporting.Grpc;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.Model;
using Oversight.Security.Authentication;
using StackExchange.Redis;

namespace Oversight.Reporting.Apis;

/// <summary>
/// CSV downloads of every report, with the same filters and the same scope check as the gRPC calls (the
/// same validation code): a bearer token whose region scope covers <c>region</c> ("" or absent = national).
/// </summary>
public static class CsvExportApi
{
    public static void MapCsvExports(this WebApplication app)
    {
        var group = app.MapGroup("/v1/reports");
        group.MapGet("/summary.csv", (HttpContext http, ReportReader reports, ILogger<ReportReader> logger) =>
            Export(http, logger, "summary", async region => SummaryCsv(await reports.SummaryAsync(region))));
        group.MapGet("/overdue.csv", (HttpContext http, ReportReader reports, ILogger<ReportReader> logger) =>
            Export(http, logger, "overdue", async region =>
            {
                var list = await reports.OverdueAsync(region, ReportRequests.RequireOwner(Query(http, "owner")));
                return Csv.Write(["complaint_id", "registration_number", "region_code", "status", "deadline_kind", "deadline_owner", "due_at", "seconds_late"],
                    list.Complaints.Select(c => (IReadOnlyList<object?>)[c.ComplaintId, c.RegistrationNumber, c.RegionCode, c.Status,
                        c.DeadlineKind, c.DeadlineOwner, c.DueAt, c.SecondsLate]));
            }));
        group.MapGet("/time-series.csv", (HttpContext http, ReportReader reports, ILogger<ReportReader> logger) =>
            Export(http, logger, "time-series", async region =>
            {
                var (from, to) = ReportRequests.RequireDateRange(Query(http, "from"), Query(http, "to"));
                var series = await reports.TimeSeriesAsync(region, from, to);
                return Csv.Write(["date", "received"], series.Days.Select(d => (IReadOnlyList<object?>)[d.Date, d.Received]));
            }));
        group.MapGet("/top-agencies.csv", (HttpContext http, ReportReader reports, ILogger<ReportReader> logger) =>
            Export(http, logger, "top-agencies", async region =>
            {
                var n = int.TryParse(Query(http, "n"), out var parsed) ? parsed : Query(http, "n").Length == 0 ? 0 : -1;
                var ranking = await reports.TopAgenciesAsync(region, ReportRequests.RequireTopN(n));
                return Csv.Write(["agency", "complaints"], ranking.Agencies.Select(a => (IReadOnlyList<object?>)[a.Agency, a.Complaints]));
            }));
    }

    private static async Task<IResult> Export(HttpContext http, ILogger logger, string report, Func<string, Task<string>> write)
    {
        var region = Query(http, "region");
        if (!RegionCode.IsValidOrNational(region))
            return Results.Problem(statusCode: 400, detail: $"region: {RegionCode.RuleWithNation}");
        var caller = http.User;
        if (caller.Identity?.IsAuthenticated != true)
        {
            logger.LogWarning("Refused CSV {Report}: {Reason}", report, http.Request.Headers.Authorization.Count > 0 ? "invalid or expired bearer token" : "no bearer token");
            return Results.Problem(statusCode: 401, detail: "A bearer token is required (Authorization: Bearer <token> from POST /connect/token).");
        }
        if (!caller.CoversRegion(region))
        {
            var reason = $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(region)}";
            logger.LogWarning("Refused CSV {Report} for client {ClientId}: {Reason}", report, caller.OfficeClientId(), reason);
            return Results.Problem(statusCode: 403, detail: $"Permission denied: {reason}.");
        }
        try
        {
            var csv = await write(region);
            var name = region.Length == 0 ? "national" : region;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{report}-{name}.csv\"";
            return Results.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            return Results.Problem(statusCode: 400, detail: ex.Status.Detail);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("CSV {Report} unavailable, Redis unreachable: {ExceptionType}", report, ex.GetType().Name);
            return Results.Problem(statusCode: 503, detail: "The reporting store is unavailable.");
        }
    }

    private static string Query(HttpContext http, string name) => http.Request.Query[name].ToString();

    private static string SummaryCsv(RegionSummary summary)
    {
        var rows = new[] { summary.Totals }.Concat(summary.Children).ToList();
        var statuses = rows.SelectMany(r => r.ByStatus.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var kinds = rows.SelectMany(r => r.ByKind.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var types = rows.SelectMany(r => r.ByViolationType.Keys).Distinct().Order().ToList();
        var sanctions = rows.SelectMany(r => r.BySanctionLevel.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        List<string> header =
        [
            "region_code", "row", "total", "overdue", "decided", "decision_hours_median", "decision_hours_p90",
            .. statuses.Select(s => "status_" + s), .. kinds.Select(k => "kind_" + k),
            .. types.Select(t => "violation_type_" + t), .. sanctions.Select(s => "sanction_" + s),
        ];
        return Csv.Write(header, rows.Select((r, i) => (IReadOnlyList<object?>)
        [
            r.RegionCode, i == 0 ? "region" : "child", r.Total, r.Overdue, r.Decided, r.DecisionHoursMedian, r.DecisionHoursP90,
            .. statuses.Select(s => (object?)r.ByStatus.GetValueOrDefault(s)), .. kinds.Select(k => (object?)r.ByKind.GetValueOrDefault(k)),
            .. types.Select(t => (object?)r.ByViolationType.GetValueOrDefault(t)), .. sanctions.Select(s => (object?)r.BySanctionLevel.GetValueOrDefault(s)),
        ]));
    }
}
