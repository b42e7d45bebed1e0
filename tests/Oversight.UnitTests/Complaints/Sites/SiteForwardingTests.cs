using Oversight.Complaints.Grpc.Sites;

namespace Oversight.UnitTests.Complaints.Sites;

/// <summary>Which calls the centre hands to a site: those about one complaint, found from the service's descriptor.</summary>
public sealed class SiteForwardingTests
{
    private const string Service = "/oversight.complaints.v1.Complaints/";

    [Fact]
    public void The_read_and_every_lifecycle_step_are_forwarded_intake_and_tracking_are_not()
    {
        var forwarded = SiteForwardingInterceptor.AboutOneComplaint;
        foreach (var method in new[] { "GetComplaint", "StartReview", "ExtendReview", "DecideComplaint", "IssueRecommendation",
            "ConfirmRecommendation", "DismissRecommendation", "EscalateComplaint", "ImposeSanction", "ConvertToFinding",
            "CloseComplaint", "CompleteComplaint", "RejectComplaint", "WithdrawComplaint" })
        {
            Assert.Contains(Service + method, forwarded);
        }
        // A submission is the site's or the centre's by its region (SiteJurisdiction); tracking is by the reporter's code.
        Assert.DoesNotContain(Service + "SubmitComplaint", forwarded);
        Assert.DoesNotContain(Service + "TrackComplaint", forwarded);
        Assert.Equal(14, forwarded.Count);
    }
}
