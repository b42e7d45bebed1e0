using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Reporting;

namespace Oversight.IntegrationTests.Reports;

public sealed partial class ReportingTests
{
    private static long Status(RegionSummary summary, string status) =>
        summary.Totals.ByStatus.TryGetValue(status, out var count) ? count : 0;

    /// <summary>
    /// One status change delivered twenty times at once (the consumer takes up to its concurrency limit side by side):
    /// the projection's script checks the version and applies the diff in one step, so it moves the counters once.
    /// Applied twice, "under_review" would go up by two and "registered" down by two.
    /// </summary>
    [Fact]
    public async Task The_same_change_delivered_many_times_at_once_counts_once()
    {
        var (id, state) = Script.Finals.First(p => p.Value.Status == "registered" && !SummaryExpectations.IsOverdue(p.Value));
        var reports = await ReportsAsync("");
        var request = new GetSummaryRequest { RegionCode = state.RegionCode };
        var before = await reports.GetSummaryAsync(request);
        var handled = fixture.HandledCount();

        var change = new ComplaintStatusChanged
        {
            ComplaintId = id, RegionCode = state.RegionCode, Step = "review_started",
            State = state with { Version = state.Version + 1, Status = "under_review" },
        };
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Bus.Publish(change)));
        await fixture.WaitForHandledAsync(handled + 20, TimeSpan.FromSeconds(60));

        var after = await reports.GetSummaryAsync(request);
        Assert.Equal(Status(before, "under_review") + 1, Status(after, "under_review"));
        Assert.Equal(Status(before, "registered") - 1, Status(after, "registered"));
        Assert.Equal(before.Totals.Total, after.Totals.Total);

        // Back to the script's facts (a later version), so the class's other tests still hold.
        await fixture.PublishAsync([new ComplaintStatusChanged
        {
            ComplaintId = id, RegionCode = state.RegionCode, Step = "test_restore", State = state with { Version = state.Version + 2 },
        }]);
        await fixture.WaitForHandledAsync(handled + 21, TimeSpan.FromSeconds(60));
        Assert.Equal(before, await reports.GetSummaryAsync(request));
    }
}
