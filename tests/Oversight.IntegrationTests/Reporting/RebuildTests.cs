using Grpc.Core;
using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Reporting;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>Directory, complaints and reporting: real complaints, counted live, then rebuilt from the export stream.</summary>
public sealed class RebuildSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, TestSystem.Complaints, TestSystem.Reporting);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

public sealed class RebuildTests(RebuildSystemFixture fixture) : IClassFixture<RebuildSystemFixture>
{
    private static readonly string[] Levels = ["52.71", "52", "64.03", "64", "74.71", "74", ""];
    private readonly TestSystem _system = fixture.System;

    private async Task<List<RegionSummary>> SummariesAsync(ReportingClient reports)
    {
        var summaries = new List<RegionSummary>();
        foreach (var level in Levels) summaries.Add(await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = level }));
        return summaries;
    }

    [Fact]
    public async Task A_rebuild_from_the_export_equals_the_live_numbers_and_repairs_a_wrong_read_model()
    {
        var complaints = new ComplaintsClient(_system.Channel(TestSystem.Complaints));
        var submitted = new List<string>();
        foreach (var (region, province) in new[] { ("52.71", "52"), ("52.71", "52"), ("64.03", "64"), ("74.71", "74") })
        {
            submitted.Add((await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan(region), await _system.IntakeOfficerHeadersAsync(province))).ComplaintId);
        }
        var reports = new ReportingClient(_system.Authorized(TestSystem.Reporting, await _system.ReviewerTokenAsync("")));
        await Eventually.HoldsAsync(async () => (await reports.GetSummaryAsync(new GetSummaryRequest())).Totals.Total, n => n == 4,
            TimeSpan.FromSeconds(30), "live national total");
        var live = await SummariesAsync(reports);
        Assert.Equal(2, live[0].Totals.Total);

        var reviewerRefused = await Assert.ThrowsAsync<RpcException>(async () => await reports.RebuildReadModelAsync(new RebuildReadModelRequest()));
        Assert.Equal(StatusCode.PermissionDenied, reviewerRefused.StatusCode);

        var admin = new ReportingClient(_system.Channel(TestSystem.Reporting));
        var first = await admin.RebuildReadModelAsync(new RebuildReadModelRequest(), await _system.AdminHeadersAsync());
        Assert.Equal(1, first.Generation);
        Assert.Equal(4, first.Complaints);
        Assert.Equal(live, await SummariesAsync(reports));

        // A wrong snapshot with a high version makes the live read model wrong; the export (the complaints
        // service's truth) puts it right.
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(_system.Setting(TestSystem.Reporting, "ConnectionStrings__messaging"))));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new ComplaintStatusChanged
            {
                ComplaintId = Guid.Parse(submitted[0]), RegionCode = "52.71", Step = "withdrawn",
                State = new ComplaintState { Version = 50, Status = "withdrawn", Kind = "laporan", RegionCode = "52.71", ReceivedAt = DateTimeOffset.UtcNow },
            });
        }
        finally
        {
            await bus.StopAsync();
        }
        await Eventually.HoldsAsync(async () => (await reports.GetSummaryAsync(new GetSummaryRequest { RegionCode = "52.71" })).Totals.ByStatus,
            byStatus => byStatus.ContainsKey("withdrawn"), TimeSpan.FromSeconds(30), "the wrong snapshot applied");

        var second = await admin.RebuildReadModelAsync(new RebuildReadModelRequest(), await _system.AdminHeadersAsync());
        Assert.Equal(2, second.Generation);
        Assert.Equal(live, await SummariesAsync(reports));
    }
}
