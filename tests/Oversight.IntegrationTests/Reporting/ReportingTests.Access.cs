using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.Testing;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>Every report is scoped to the caller's region, over gRPC and REST alike.</summary>
public sealed partial class ReportingTests
{
    [Fact]
    public async Task A_kota_kendari_token_cannot_read_mataram_or_its_own_province()
    {
        var kendari = await ReportsAsync("74.71");
        var mataram = await Assert.ThrowsAsync<RpcException>(async () => await kendari.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52.71" }));
        Assert.Equal(StatusCode.PermissionDenied, mataram.StatusCode);
        Assert.Contains("region scope 74.71 does not cover region 52.71", mataram.Status.Detail);

        var province = await Assert.ThrowsAsync<RpcException>(async () => await kendari.ListOverdueAsync(new ListOverdueRequest { RegionCode = "74" }));
        Assert.Equal(StatusCode.PermissionDenied, province.StatusCode);
        var nation = await Assert.ThrowsAsync<RpcException>(async () => await kendari.TopAgenciesAsync(new TopAgenciesRequest()));
        Assert.Equal(StatusCode.PermissionDenied, nation.StatusCode);

        var own = await kendari.GetSummaryAsync(new GetSummaryRequest { RegionCode = "74.71" });
        Assert.Equal(3, own.Totals.Total);
    }

    [Fact]
    public async Task Exact_region_counts_need_a_token_covering_the_region()
    {
        // Issue 16: GetRegionCounts answered submitted=2 to anyone, where open data shows "<3".
        var anonymous = new ReportingClient(_system.Channel(TestSystem.Reporting));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = "74.71" }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var mataram = await ReportsAsync("52.71");
        var outside = await Assert.ThrowsAsync<RpcException>(async () => await mataram.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = "74.71" }));
        Assert.Equal(StatusCode.PermissionDenied, outside.StatusCode);

        var kendari = await ReportsAsync("74.71");
        var counted = (await kendari.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = "74.71" })).Submitted;
        Assert.True(counted > 0);
        Assert.Equal((await kendari.GetSummaryAsync(new GetSummaryRequest { RegionCode = "74.71" })).Totals.Total, counted);
    }

    [Fact]
    public async Task No_token_is_unauthenticated_and_a_malformed_region_is_named()
    {
        var anonymous = new ReportingClient(_system.Channel(TestSystem.Reporting));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52" }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var reports = await ReportsAsync("");
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "5271" }));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("region_code", malformed.Status.Detail);
        var range = await Assert.ThrowsAsync<RpcException>(async () =>
            await reports.GetTimeSeriesAsync(new GetTimeSeriesRequest { From = "2024-11-01", To = "2024-10-01" }));
        Assert.Equal(StatusCode.InvalidArgument, range.StatusCode);
        Assert.Contains("to: must not be before from", range.Status.Detail);
    }

    [Fact]
    public async Task The_rest_summary_answers_within_the_scope_and_refuses_outside_it()
    {
        using var http = _system.Http(TestSystem.Reporting);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _system.ReviewerTokenAsync("74.71"));
        var outside = await http.GetAsync("/v1/reports/summary?regionCode=52.71");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        var inside = await http.GetAsync("/v1/reports/summary?regionCode=74.71");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        using var body = JsonDocument.Parse(await inside.Content.ReadAsStringAsync());
        var totals = body.RootElement.GetProperty("totals");
        Assert.Equal("74.71", totals.GetProperty("regionCode").GetString());
        Assert.Equal("3", totals.GetProperty("total").ToString().Trim('"'));
    }
}
