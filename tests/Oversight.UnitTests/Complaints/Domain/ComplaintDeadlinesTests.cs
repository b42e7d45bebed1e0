using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using static Oversight.UnitTests.Complaints.Domain.ComplaintFixtures;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class ComplaintDeadlinesTests
{
    [Fact]
    public void A_received_laporan_shows_its_filing_window_as_information()
    {
        var d = Assert.Single(ComplaintDeadlines.Open(Submitted()));
        Assert.Equal((DeadlineKinds.FilingWindow, DeadlineOwners.Reporter, true), (d.Kind, d.Owner, d.Informational));
        Assert.Equal((Wib(10, 1, 10), Wib(10, 9, 0), Wib(10, 8, 0)), (d.StartsAt, d.DueAt, d.ApproachingAt));
        Assert.Empty(ComplaintDeadlines.Missed(Submitted(), Wib(10, 20)));
        Assert.Empty(ComplaintDeadlines.Open(Submitted(Tip(), ComplaintKind.InformasiAwal)));
    }

    [Fact]
    public void Pilkada_review_is_due_3_days_after_receipt_approaching_a_day_before()
    {
        // Received Thu 3 Oct 09:00 WIB (day 0); registered an hour later. Day 3 is Sun 6 Oct.
        var clock = new FakeClock(Wib(10, 3, 11));
        var complaint = UnderReview();
        var d = Assert.Single(ComplaintDeadlines.Open(complaint));
        Assert.Equal((DeadlineKinds.Review, DeadlineOwners.Bawaslu, ComplaintRoles.Reviewer, "52.71"), (d.Kind, d.Owner, d.OwnerRole, d.RegionCode));
        Assert.Equal((Wib(10, 3), Wib(10, 7, 0), Wib(10, 6, 0)), (d.StartsAt, d.DueAt, d.ApproachingAt));
        Assert.Equal("3 days (UU 10/2016 Pasal 134; Perbawaslu 8/2020)", d.Rule);
        Assert.False(d.IsApproaching(clock.Now));
        Assert.True(d.IsApproaching(clock.Set(Wib(10, 6, 0))));
        Assert.False(d.IsMissed(clock.Set(Wib(10, 6, 23, 59))));
        Assert.True(d.IsMissed(clock.Set(Wib(10, 7, 0))));
        Assert.False(d.IsApproaching(clock.Now));
        Assert.Equal([d], ComplaintDeadlines.Missed(complaint, clock.Now));
        Assert.Equal(d, Assert.Single(ComplaintDeadlines.Open(Registered())));
    }

    [Fact]
    public void The_extension_moves_the_review_deadline_to_5_days_after_receipt()
    {
        var extended = UnderReview().ExtendReview("Saksi", Reviewer, Wib(10, 5)).Complaint;
        var d = Assert.Single(ComplaintDeadlines.Open(extended));
        Assert.Equal((Wib(10, 9, 0), Wib(10, 8, 0)), (d.DueAt, d.ApproachingAt));
        Assert.Equal(Wib(10, 9, 0), ComplaintDeadlines.ReviewDueAt(extended));
    }

    [Fact]
    public void A_completed_Pilkada_report_counts_its_review_from_the_completion()
    {
        var completed = Submitted(Laporan() with { Place = null }).RequestCompletion(Intake, Wib(10, 3, 10)).Complaint
            .Complete(Laporan(), Intake, Wib(10, 5, 14)).Complaint
            .Register(Number(), Intake, Wib(10, 5, 15)).Complaint;
        Assert.Equal(Wib(10, 9, 0), ComplaintDeadlines.ReviewDueAt(completed));
    }

    [Fact]
    public void General_election_review_is_7_working_days_after_registration_14_when_extended()
    {
        // Registered Thu 3 Oct 10:00 WIB: working day 7 is Mon 14 Oct; day 14 is Wed 23 Oct.
        var complaint = UnderReview(ElectionRegimes.GeneralElection);
        var d = Assert.Single(ComplaintDeadlines.Open(complaint));
        Assert.Equal((Wib(10, 3, 10), Wib(10, 15, 0)), (d.StartsAt, d.DueAt));
        Assert.Equal("7 working days (UU 7/2017 Pasal 454; Perbawaslu 7/2022)", d.Rule);
        var extended = complaint.ExtendReview("Saksi", Reviewer, Wib(10, 14)).Complaint;
        Assert.Equal(Wib(10, 24, 0), Assert.Single(ComplaintDeadlines.Open(extended)).DueAt);
    }

    [Fact]
    public void Satgas_verification_is_due_7_days_after_the_recommendation()
    {
        var d = Assert.Single(ComplaintDeadlines.Open(Recommended())); // issued Thu 10 Oct 10:00 WIB
        Assert.Equal((DeadlineKinds.Verification, DeadlineOwners.Bkn, ComplaintRoles.SanctionOfficer), (d.Kind, d.Owner, d.OwnerRole));
        Assert.Equal((Wib(10, 18, 0), Wib(10, 17, 0)), (d.DueAt, d.ApproachingAt));
        Assert.Contains("SKB 2022", d.Rule);
    }

    [Fact]
    public void PPK_follow_up_is_due_after_the_configured_period_and_restarts_on_escalation()
    {
        var verified = Verified(); // Tue 15 Oct 10:00 WIB
        var d = Assert.Single(ComplaintDeadlines.Open(verified));
        Assert.Equal((DeadlineKinds.PpkFollowUp, DeadlineOwners.Ppk), (d.Kind, d.Owner));
        Assert.Equal(Wib(10, 30, 0), d.DueAt);
        Assert.Equal("14 days (configured; no regulation gives one)", d.Rule);

        var escalated = verified.Escalate(SanctionOfficer, Wib(10, 31, 9)).Complaint;
        Assert.Equal(Wib(11, 15, 0), Assert.Single(ComplaintDeadlines.Open(escalated)).DueAt);

        var shorter = verified with { Regime = ElectionRegimes.Pilkada2024 with { PpkFollowUp = DayCount.WorkingDays(5) } };
        Assert.Equal(Wib(10, 23, 0), Assert.Single(ComplaintDeadlines.Open(shorter)).DueAt);
    }

    [Fact]
    public void Approaching_never_starts_before_the_period_does()
    {
        var sameDay = Verified() with { Regime = ElectionRegimes.Pilkada2024 with { PpkFollowUp = DayCount.CalendarDays(0) } };
        var d = Assert.Single(ComplaintDeadlines.Open(sameDay));
        Assert.Equal((Wib(10, 16, 0), Wib(10, 15, 10)), (d.DueAt, d.ApproachingAt));
    }

    [Fact]
    public void Decided_rejected_sanctioned_and_closed_complaints_have_no_deadline()
    {
        Assert.Empty(ComplaintDeadlines.Open(Decided()));
        Assert.Empty(ComplaintDeadlines.Open(Submitted(at: Wib(10, 20)).Reject("late", Intake, Wib(10, 20)).Complaint));
        var sanctioned = Verified().ImposeSanction("demotion_12_months", "SK", SanctionOfficer, Wib(10, 20)).Complaint;
        Assert.Empty(ComplaintDeadlines.Open(sanctioned));
        Assert.Empty(ComplaintDeadlines.Open(sanctioned.Close("Register", SanctionOfficer, Wib(10, 21)).Complaint));
        Assert.Null(ComplaintDeadlines.ReviewDueAt(Submitted()));
        Assert.Null(ComplaintDeadlines.PpkFollowUpDueAt(Decided()));
    }
}
