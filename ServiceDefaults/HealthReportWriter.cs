using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes a health report as JSON with each check's status and description, so an admin (and the
/// AppHost's dashboard) can say which dependency is failing, not only that something is.
/// Exception details are left out on purpose: the description names the problem. A check's data, when it has any (the
/// outbox's number of events waiting), is written as <c>data</c>, for readers that need the figure rather than the words.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => Describe(entry.Value)),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static Dictionary<string, object?> Describe(HealthReportEntry entry)
    {
        var check = new Dictionary<string, object?> { ["status"] = entry.Status.ToString(), ["description"] = entry.Description };
        if (entry.Data.Count > 0) check["data"] = entry.Data;
        return check;
    }
}
