using Oversight.Bench;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests.Bench;

public sealed class ReportingWorkloadTests
{
    [Fact]
    public void New_complaints_go_round_robin_over_the_regencies_and_move_their_provinces_total()
    {
        var workload = new ReportingWorkload(["52.71", "64.03", "74.71"]);

        var events = Enumerable.Range(0, 4).Select(workload.Make).ToList();

        Assert.All(events, e => Assert.IsType<ComplaintSubmitted>(e));
        Assert.Equal(["52.71", "64.03", "74.71", "52.71"], events.Select(e => e.RegionCode));
        var first = (ComplaintSubmitted)events[0];
        Assert.Equal((1, "registered", "52.71"), (first.State!.Version, first.State.Status, first.State.RegionCode));
        Assert.Equal("52|total", ReportingWorkload.CounterOf(first));
    }

    [Fact]
    public void A_review_start_follows_only_a_confirmed_submission_with_the_next_version()
    {
        var workload = new ReportingWorkload(["52.71"]);
        var submitted = (ComplaintSubmitted)workload.Make(0);

        // Not confirmed yet: an odd index is another new complaint.
        Assert.IsType<ComplaintSubmitted>(workload.Make(1));

        workload.Confirmed(submitted);
        Assert.IsType<ComplaintSubmitted>(workload.Make(2)); // even indexes are always new complaints
        var review = Assert.IsType<ComplaintStatusChanged>(workload.Make(3));

        Assert.Equal(submitted.ComplaintId, review.ComplaintId);
        Assert.Equal((2, "under_review"), (review.State!.Version, review.State.Status));
        Assert.Equal("52|under_review", ReportingWorkload.CounterOf(review));
        Assert.IsType<ComplaintSubmitted>(workload.Make(5)); // each submission is reviewed once
    }
}
