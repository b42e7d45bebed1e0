using Microsoft.Extensions.Options;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Apis;

/// <summary>Public counts, no sign-in: totals per province and regency/city only, small counts suppressed.</summary>
public static class OpenDataApi
{
    public static void MapOpenData(this WebApplication app) =>
        app.MapGet("/v1/open-data/counts", async (ReportReader reports, IOptions<ReportingOptions> options, ILogger<ReportReader> logger) =>
        {
            var threshold = options.Value.OpenData.SuppressBelow;
            try
            {
                var provinces = OpenDataSuppression.Apply(await reports.TreeTotalsAsync(), threshold);
                return Results.Ok(new { suppressBelow = threshold, provinces });
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Open data unavailable, Redis unreachable: {ExceptionType}", ex.GetType().Name);
                return Results.Problem(statusCode: 503, detail: "The reporting store is unavailable.");
            }
        }).AllowAnonymous();
}
