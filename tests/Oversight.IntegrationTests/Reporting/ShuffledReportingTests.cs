using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Reporting;
using Oversight.Testing;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.IntegrationTests.Reports;

/// <summary>The same campaign published in a shuffled order (decisions before registrations): the same read model.</summary>
public sealed class ShuffledReportingTests(ShuffledCampaignFixture fixture) : IClassFixture<ShuffledCampaignFixture>
{
    private readonly TestSystem _system = fixture.System;

    private async Task<ReportingClient> ReportsAsync(string scope) =>
        new(_system.Authorized(TestSystem.Reporting, await _system.ReviewerTokenAsync(scope)));

    [Fact]
    public async Task A_shuffled_order_gives_the_same_summaries()
    {
        // The shuffle did put some complaint's later step (a decision, a sanction) before its earlier ones.
        Assert.Contains(fixture.PublishedOrder.GroupBy(e => e.ComplaintId),
            steps => !steps.Select(e => e.State!.Version).SequenceEqual(steps.Select(e => e.State!.Version).Order()));
        await SummaryExpectations.AssertEveryLevelExactAsync(fixture.Script, await ReportsAsync(""));
    }

    [Fact]
    public async Task Watching_a_summary_pushes_each_change()
    {
        var (id, kendari) = fixture.Script.Finals.First(p => p.Value.RegionCode == "74.71" && p.Value.Status == "registered" && !SummaryExpectations.IsOverdue(p.Value));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var watch = (await ReportsAsync("74.71")).WatchSummary(new GetSummaryRequest { RegionCode = "74.71" }, cancellationToken: stop.Token);

        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        var first = watch.ResponseStream.Current;
        Assert.False(first.Totals.ByStatus.ContainsKey("under_review"));

        await fixture.PublishAsync([new ComplaintStatusChanged
        {
            ComplaintId = id, RegionCode = "74.71", Step = "review_started",
            State = kendari with { Version = kendari.Version + 1, Status = "under_review" },
        }]);
        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(1, watch.ResponseStream.Current.Totals.ByStatus["under_review"]);
        Assert.Equal(first.Totals.Total, watch.ResponseStream.Current.Totals.Total);

        // Back to the script's state (a later version with the same facts), so the other test still holds.
        await fixture.PublishAsync([new ComplaintStatusChanged
        {
            ComplaintId = id, RegionCode = "74.71", Step = "test_restore", State = kendari with { Version = kendari.Version + 2 },
        }]);
        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(first, watch.ResponseStream.Current);
    }
}
