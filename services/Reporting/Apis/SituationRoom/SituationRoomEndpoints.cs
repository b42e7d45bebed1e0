using System.Security.Claims;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Oversight.Catalogues;
using Oversight.Regions;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.Model;
using Oversight.Security.Authentication;
using Oversight.Security.Credentials;
using Oversight.Reporting.Infrastructure.SituationRoom;
using Oversight.Reporting.Model.SituationRoom;
using StackExchange.Redis;

namespace Oversight.Reporting.Apis.SituationRoom;

/// <summary>
/// The situation room: the page at <c>/situation-room</c> and its JSON under <c>/situation-room/api</c>, answered by
/// the same <see cref="ReportReader"/> and <see cref="SummaryWatcher"/> as the gRPC reports (no counting here).
/// Every API call needs the sign-in cookie (or a bearer token) of an admin whose scope covers the region.
/// </summary>
public static class SituationRoomEndpoints
{
    // Protobuf's own JSON (camelCase, int64 as strings, zeros included) so the page sees what REST clients see.
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void MapSituationRoom(this WebApplication app)
    {
        // The page itself holds no data (it asks the API below), so it loads before sign-in.
        app.MapGet(SituationRoomCookie.PagePath, () => SituationRoomAssets.Serve("index.html", "text/html; charset=utf-8")).AllowAnonymous();
        app.MapGet(SituationRoomCookie.PagePath + "/app.js", () => SituationRoomAssets.Serve("app.js", "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet(SituationRoomCookie.PagePath + "/app.css", () => SituationRoomAssets.Serve("app.css", "text/css; charset=utf-8")).AllowAnonymous();

        var api = app.MapGroup(SituationRoomCookie.ApiPath);
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        // Sign-in checks the credentials it is given; sign-out only clears the cookie. The rest needs the cookie.
        api.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        api.MapPost("/sign-out", (HttpContext http) =>
        {
            SituationRoomCookie.Clear(http.Response, http.Request.IsHttps);
            return Results.NoContent();
        }).AllowAnonymous();
        api.MapGet("/me", (HttpContext http, ILogger<SituationRoomCaller> logger) =>
            SituationRoomCaller.Check(http, "", logger, regionNeeded: false) ?? Results.Json(Me(http.User)));
        api.MapGet("/summary", (HttpContext http, ReportReader reports, ILogger<SituationRoomCaller> logger) =>
            Answer(http, logger, "summary", async region => Json.Format(await reports.SummaryAsync(region))));
        api.MapGet("/time-series", (HttpContext http, ReportReader reports, ElectionPeriods elections, TimeProvider clock,
            ILogger<SituationRoomCaller> logger) => Answer(http, logger, "time series", region => TimeSeriesAsync(http, region, reports, elections, clock)));
        api.MapGet("/overdue", (HttpContext http, ReportReader reports, ILogger<SituationRoomCaller> logger) =>
            Answer(http, logger, "overdue", async region => Json.Format(await reports.OverdueAsync(region, ""))));
        api.MapGet("/live", LiveAsync);
        // The violation catalogue (SKB 2022), for the counts by type: public data, the same for every caller.
        api.MapGet("/violation-types", () => Results.Json(ViolationCatalogue.All.Select(type => new
        {
            number = type.Number, name = type.NameEn, nameId = type.NameId, level = type.Level.ToString().ToLowerInvariant(),
        })));
        // Names for the tree's codes; region names are public, so any signed-in admin may ask for any code.
        api.MapGet("/region-names", async (HttpContext http, RegionNames names, ILogger<SituationRoomCaller> logger) =>
        {
            if (SituationRoomCaller.Check(http, "", logger, regionNeeded: false) is { } refusal) return refusal;
            var codes = RegionNames.Parse(http.Request.Query["codes"].ToString(), out var error);
            return codes is null
                ? Results.Problem(statusCode: 400, detail: error)
                : Results.Json(await names.NamesAsync(codes, http.RequestAborted));
        });
    }

    /// <summary>
    /// The chart's days: the range shown, the ranges offered, the days' counts, the key dates of an election period, and
    /// the region's complaints in the range and in all, so the page can say why a chart is empty.
    /// </summary>
    private static async Task<string> TimeSeriesAsync(HttpContext http, string region, ReportReader reports, ElectionPeriods elections, TimeProvider clock)
    {
        var election = await elections.ForRegionAsync(region, http.RequestAborted);
        var today = IndonesianTime.Today(clock);
        var (offered, shown) = ChartRanges.Choose(election, today, http.Request.Query["range"].ToString(), out var error);
        // Answer turns InvalidArgument into a 400 naming the parameter, after the caller's check.
        if (shown is null) throw new RpcException(new Status(StatusCode.InvalidArgument, error!));
        var series = await reports.TimeSeriesAsync(region, shown.From, shown.To);
        var total = (await reports.SummaryAsync(region)).Totals.Total;
        var answer = new
        {
            range = RangeJson(shown),
            ranges = offered.Select(RangeJson),
            keyDates = shown.Id == ChartRanges.Election ? election!.KeyDates : [],
            calendarUnavailable = election is null,
            receivedInRange = series.Days.Sum(d => d.Received),
            receivedInAll = total,
        };
        var json = System.Text.Json.JsonSerializer.Serialize(answer, JsonOptions);
        return $$"""{"series":{{Json.Format(series)}},{{json[1..]}}""";
    }

    private static object RangeJson(ChartRange range) =>
        new { id = range.Id, name = range.Name, label = range.Label, from = IndonesianTime.Format(range.From), to = IndonesianTime.Format(range.To) };

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private sealed record Credentials(string? ClientId, string? ClientSecret);

    private static async Task<IResult> SignInAsync(HttpContext http, DirectorySignIn directory, [FromBody] Credentials? credentials)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(credentials?.ClientId)) errors.Add("clientId: is required (the office client id)");
        if (string.IsNullOrEmpty(credentials?.ClientSecret)) errors.Add("clientSecret: is required");
        if (credentials?.ClientId is { } id && ClientCredentialText.Problem(id.Trim()) is { } idProblem) errors.Add($"clientId: {idProblem}");
        if (credentials?.ClientSecret is { } secret && ClientCredentialText.Problem(secret) is { } secretProblem) errors.Add($"clientSecret: {secretProblem}");
        if (errors.Count > 0) return Results.Problem(statusCode: 400, detail: string.Join("; ", errors));

        var result = await directory.ExchangeAsync(credentials!.ClientId!.Trim(), credentials.ClientSecret!, http.RequestAborted);
        if (result.Token is null) return Results.Problem(statusCode: result.Status, detail: result.Message);
        SituationRoomCookie.Set(http.Response, result.Token, result.Expires, http.Request.IsHttps);
        return Results.Json(new { clientId = credentials.ClientId.Trim(), expires = result.Expires });
    }

    private static object Me(ClaimsPrincipal user)
    {
        var scope = user.RegionScopeOf() ?? "";
        return new { clientId = user.OfficeClientId(), regionScope = scope, regionScopeName = RegionScope.Describe(scope) };
    }

    private static async Task<IResult> Answer(HttpContext http, ILogger logger, string what, Func<string, Task<string>> read)
    {
        var region = http.Request.Query["region"].ToString();
        if (SituationRoomCaller.Check(http, region, logger) is { } refusal) return refusal;
        try
        {
            return Results.Text(await read(region), "application/json; charset=utf-8");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Situation room {What} unavailable, Redis unreachable: {ExceptionType}", what, ex.GetType().Name);
            return Results.Problem(statusCode: 503, detail: "The reporting store is unavailable.");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            return Results.Problem(statusCode: 400, detail: ex.Status.Detail);
        }
    }

    /// <summary>
    /// Server-Sent Events: the region's summary now and whenever it changes (the watcher WatchSummary streams from,
    /// woken by the read model's change channel). Ends when the token expires, so a signed-out page stops updating.
    /// </summary>
    private static async Task LiveAsync(HttpContext http, SummaryWatcher watcher, ILogger<SituationRoomCaller> logger)
    {
        var region = http.Request.Query["region"].ToString();
        if (SituationRoomCaller.Check(http, region, logger) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }
        using var untilExpiry = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (SituationRoomCaller.ExpiresIn(http.User) is { } left) untilExpiry.CancelAfter(left);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            await foreach (var summary in watcher.WatchAsync(region, untilExpiry.Token))
            {
                await http.Response.WriteAsync($"event: summary\ndata: {Json.Format(summary)}\n\n", untilExpiry.Token);
                await http.Response.Body.FlushAsync(untilExpiry.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the token expired.
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Situation room live updates ended, Redis unreachable: {ExceptionType}", ex.GetType().Name);
        }
    }
}
