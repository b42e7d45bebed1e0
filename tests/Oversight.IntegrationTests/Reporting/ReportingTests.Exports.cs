using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Oversight.IntegrationTests.Reports;

/// <summary>CSV exports keep the filters and the caller's scope; open data hides small counts.</summary>
public sealed partial class ReportingTests
{
    private async Task<HttpClient> CsvClientAsync(string scope)
    {
        var http = _system.Http(Oversight.Harness.TestSystem.Reporting);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _system.ReviewerTokenAsync(scope));
        return http;
    }

    private static async Task<string[][]> CsvRowsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToArray();
    }

    [Fact]
    public async Task The_overdue_export_holds_exactly_the_filtered_rows_of_the_callers_region()
    {
        using var sulawesiTenggara = await CsvClientAsync("74");
        var rows = await CsvRowsAsync(await sulawesiTenggara.GetAsync("/v1/reports/overdue.csv?region=74"));
        Assert.Equal(["complaint_id", "registration_number", "region_code", "status", "deadline_kind", "deadline_owner", "due_at", "seconds_late"], rows[0]);
        var expected = Script.Finals.Where(p => p.Value.RegionCode.StartsWith("74.", StringComparison.Ordinal) && SummaryExpectations.IsOverdue(p.Value))
            .Select(p => p.Key.ToString()).Order().ToList();
        Assert.Single(expected);
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0]).Order());
        Assert.All(rows.Skip(1), r => Assert.StartsWith("74.", r[2]));
        Assert.All(rows.Skip(1), r => Assert.True(long.TryParse(r[7], out var late) && late > 0, r[7]));

        // Outside the scope, and the national list, are refused; a filter on the owner is kept.
        Assert.Equal(HttpStatusCode.Forbidden, (await sulawesiTenggara.GetAsync("/v1/reports/overdue.csv?region=52")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sulawesiTenggara.GetAsync("/v1/reports/overdue.csv")).StatusCode);
        var reporterOwned = await CsvRowsAsync(await sulawesiTenggara.GetAsync("/v1/reports/overdue.csv?region=74&owner=reporter"));
        Assert.Single(reporterOwned);

        using var national = await CsvClientAsync("");
        var waitingOnReporters = await CsvRowsAsync(await national.GetAsync("/v1/reports/overdue.csv?owner=reporter"));
        var berau = Assert.Single(waitingOnReporters.Skip(1));
        Assert.Equal(["64.03", "needs_completion", "completion", "reporter"], berau[2..6]);
    }

    [Fact]
    public async Task The_summary_export_has_the_region_and_its_children_only()
    {
        using var sulawesiTenggara = await CsvClientAsync("74");
        var rows = await CsvRowsAsync(await sulawesiTenggara.GetAsync("/v1/reports/summary.csv?region=74"));
        Assert.Equal(["region_code", "row", "total", "overdue"], rows[0][..4]);
        Assert.Equal([["74", "region", "4", "1"], ["74.02", "child", "1", "0"], ["74.71", "child", "3", "1"]], rows.Skip(1).Select(r => r[..4]));
        var registered = Array.IndexOf(rows[0], "status_registered");
        Assert.Equal(["3", "1", "2"], rows.Skip(1).Select(r => r[registered]));

        using var anonymous = _system.Http(Oversight.Harness.TestSystem.Reporting);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/reports/summary.csv?region=74")).StatusCode);
        var malformed = await sulawesiTenggara.GetAsync("/v1/reports/summary.csv?region=Kendari");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("region:", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_time_series_export_keeps_its_date_range()
    {
        using var mataram = await CsvClientAsync("52.71");
        var rows = await CsvRowsAsync(await mataram.GetAsync("/v1/reports/time-series.csv?region=52.71&from=2024-09-26&to=2024-09-27"));
        Assert.Equal([["date", "received"], ["2024-09-26", "1"], ["2024-09-27", "1"]], rows);
    }

    [Fact]
    public async Task Open_data_needs_no_token_and_suppresses_small_counts()
    {
        using var anonymous = _system.Http(Oversight.Harness.TestSystem.Reporting);
        using var body = JsonDocument.Parse(await anonymous.GetStringAsync("/v1/open-data/counts"));
        Assert.Equal(3, body.RootElement.GetProperty("suppressBelow").GetInt32());
        var provinces = body.RootElement.GetProperty("provinces").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
        Assert.Equal(["52", "64", "74"], provinces.Keys);
        Assert.Equal(4, provinces["52"].GetProperty("count").GetInt64());
        Assert.Equal(3, provinces["64"].GetProperty("count").GetInt64());

        var sulawesiTenggara = provinces["74"];
        Assert.Equal(4, sulawesiTenggara.GetProperty("count").GetInt64());
        var regions = sulawesiTenggara.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        // 74.02 has one complaint: hidden. Kendari's 3 would give it away (4 - 3), so it is hidden too.
        Assert.Equal(JsonValueKind.Null, regions["74.02"].GetProperty("count").ValueKind);
        Assert.Equal("<3", regions["74.02"].GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, regions["74.71"].GetProperty("count").ValueKind);
        Assert.Equal(4, provinces["52"].GetProperty("regions")[0].GetProperty("count").GetInt64());
        Assert.False(body.RootElement.TryGetProperty("total", out _));
    }
}
