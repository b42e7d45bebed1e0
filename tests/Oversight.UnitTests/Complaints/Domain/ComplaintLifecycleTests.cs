using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using static Oversight.UnitTests.Complaints.Domain.ComplaintFixtures;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class ComplaintLifecycleTests
{
    private static TransitionRefusedException Refused(Func<ComplaintTransition> step, RefusalKind kind, string message)
    {
        var error = Assert.Throws<TransitionRefusedException>(() => step());
        Assert.Equal(message, error.Message);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    private static void AssertStep(ComplaintTransition step, LifecycleState from, LifecycleState to, string action, Actor actor, DateTimeOffset at)
    {
        Assert.Equal(to, step.Complaint.State);
        var entry = step.Complaint.History[^1];
        Assert.Equal((from, to, action, actor.Id, at), (entry.From!.Value, entry.To, entry.Action, entry.ActorId, entry.At));
        Assert.Equal(at, step.Event.At);
        Assert.Equal(actor.Id, step.Event.ActorId);
        Assert.Equal(step.Complaint.Id, step.Event.ComplaintId);
        Assert.Equal(TransitionTable.Rules.Single(r => r.Action == action && r.From == from).Event, step.Event.GetType().Name);
    }

    // ---- the happy path, with a fake clock ----

    [Fact]
    public void A_laporan_goes_from_intake_to_closure()
    {
        var clock = new FakeClock(Wib(10, 3));
        var submit = ComplaintAggregate.Submit(Guid.NewGuid(), ComplaintKind.Laporan, Region, Office, Laporan(), ElectionRegimes.Pilkada2024, true, Intake, clock.Now);
        var c = submit.Complaint;
        Assert.Equal(LifecycleState.Received, c.State);
        Assert.Equal(new HistoryEntry(null, LifecycleState.Received, "submit", Intake.Id, "intake_officer", clock.Now, "Registrable"), Assert.Single(c.History));
        var submitted = Assert.IsType<ComplaintSubmittedDomainEvent>(submit.Event);
        Assert.Equal((ComplaintKind.Laporan, "52.71", IntakeVerdict.Registrable, false), (submitted.Kind, submitted.RegionCode, submitted.Verdict, submitted.OutsideElectionPeriod));

        var t = c.Register(Number(), Intake, clock.Advance(TimeSpan.FromHours(1)));
        AssertStep(t, LifecycleState.Received, LifecycleState.Registered, "register", Intake, clock.Now);
        Assert.Equal("52.71/LP/2024/0007", Assert.IsType<ComplaintRegisteredDomainEvent>(t.Event).RegistrationNumber);

        t = t.Complaint.StartReview(Reviewer, clock.Advance(TimeSpan.FromHours(1)));
        AssertStep(t, LifecycleState.Registered, LifecycleState.UnderReview, "start_review", Reviewer, clock.Now);
        Assert.Equal(Wib(10, 7, 0), Assert.IsType<ReviewStartedDomainEvent>(t.Event).ReviewDueAt);

        t = t.Complaint.ExtendReview("Menunggu keterangan saksi", Reviewer, clock.Advance(TimeSpan.FromDays(1)));
        AssertStep(t, LifecycleState.UnderReview, LifecycleState.UnderReview, "extend_review", Reviewer, clock.Now);
        Assert.Equal(Wib(10, 9, 0), Assert.IsType<ReviewExtendedDomainEvent>(t.Event).ReviewDueAt);

        t = t.Complaint.Decide(DecisionOutcome.Violation, "Terbukti", Reviewer, clock.Advance(TimeSpan.FromDays(1)));
        AssertStep(t, LifecycleState.UnderReview, LifecycleState.Decided, "decide", Reviewer, clock.Now);
        var decided = Assert.IsType<ComplaintDecidedDomainEvent>(t.Event);
        Assert.Equal((DecisionOutcome.Violation, (int?)2, false), (decided.Outcome, decided.ViolationType, decided.Late));

        t = t.Complaint.IssueRecommendation("0123/PP.01.02/K.NB-11/10/2024", Reviewer, clock.Advance(TimeSpan.FromDays(1)));
        AssertStep(t, LifecycleState.Decided, LifecycleState.RecommendedToBkn, "issue_recommendation", Reviewer, clock.Now);
        Assert.Equal(2, Assert.IsType<RecommendationIssuedDomainEvent>(t.Event).ViolationType);

        t = t.Complaint.ConfirmRecommendation(SanctionOfficer, clock.Advance(TimeSpan.FromDays(3)), "Satgas: terverifikasi");
        AssertStep(t, LifecycleState.RecommendedToBkn, LifecycleState.Verified, "confirm_recommendation", SanctionOfficer, clock.Now);

        t = t.Complaint.ImposeSanction("demotion_12_months", "800/123/BKPSDM/2024", SanctionOfficer, clock.Advance(TimeSpan.FromDays(5)), ["moral_open_statement"]);
        AssertStep(t, LifecycleState.Verified, LifecycleState.SanctionImposed, "impose_sanction", SanctionOfficer, clock.Now);
        Assert.Equal(["moral_open_statement"], Assert.IsType<SanctionImposedDomainEvent>(t.Event).MoralSanctionCodes);

        t = t.Complaint.Close("Dicatat dalam register disiplin BKN", SanctionOfficer, clock.Advance(TimeSpan.FromDays(1)));
        AssertStep(t, LifecycleState.SanctionImposed, LifecycleState.Closed, "close", SanctionOfficer, clock.Now);
        Assert.Equal(LifecycleState.SanctionImposed, Assert.IsType<ComplaintClosedDomainEvent>(t.Event).ClosedFrom);
        Assert.Equal(9, t.Complaint.History.Count);
        Assert.True(t.Complaint.State.IsFinal());
    }

    [Fact]
    public void Submission_needs_an_intake_officer_and_valid_codes_but_never_fails_on_requirements()
    {
        Refused(() => ComplaintAggregate.Submit(Guid.NewGuid(), ComplaintKind.Laporan, Region, Office, Laporan(), ElectionRegimes.Pilkada2024, true, Reviewer, Wib(10, 3)),
            RefusalKind.NotPermitted, "cannot submit: requires role intake_officer in the handling office's region 52.71");
        Refused(() => ComplaintAggregate.Submit(Guid.NewGuid(), ComplaintKind.Laporan, "RI", Office, Laporan(), ElectionRegimes.Pilkada2024, true, Intake, Wib(10, 3)),
            RefusalKind.RequirementUnmet, "cannot submit: region_code: must be a Kemendagri code like 52 or 52.71");
        Refused(() => ComplaintAggregate.Submit(Guid.NewGuid(), ComplaintKind.Laporan, Region, "Bawaslu", Laporan(), ElectionRegimes.Pilkada2024, true, Intake, Wib(10, 3)),
            RefusalKind.RequirementUnmet, "cannot submit: handling_office: must be the region code of a Bawaslu office, or RI");
        var empty = Submitted(new ComplaintDetails(), inElectionPeriod: false);
        Assert.Equal(IntakeVerdict.NeedsCompletion, empty.Assessment.Verdict);
        Assert.StartsWith("NeedsCompletion [region not in its election period]: reporter: identity", empty.History[0].Note);
    }

    // ---- completion ----

    [Fact]
    public void An_incomplete_laporan_is_sent_back_completed_and_registered()
    {
        var incomplete = Submitted(Laporan() with { Place = null, Evidence = [] });
        var t = incomplete.RequestCompletion(Intake, Wib(10, 3, 10));
        AssertStep(t, LifecycleState.Received, LifecycleState.NeedsCompletion, "request_completion", Intake, Wib(10, 3, 10));
        Assert.Equal(["place: required (where it happened)", "evidence: at least one piece of evidence is required"],
            Assert.IsType<ComplaintCompletionRequestedDomainEvent>(t.Event).Missing);

        // Completed after the filing window closed: the filing instant is still the original one.
        t = t.Complaint.Complete(Laporan(), Intake, Wib(10, 12));
        AssertStep(t, LifecycleState.NeedsCompletion, LifecycleState.Received, "complete", Intake, Wib(10, 12));
        Assert.Equal(IntakeVerdict.Registrable, Assert.IsType<ComplaintCompletedDomainEvent>(t.Event).Verdict);
        Assert.Equal((Wib(10, 3), Wib(10, 12)), (t.Complaint.FiledAt, t.Complaint.ReceivedAt));

        t = t.Complaint.Register(Number(), Intake, Wib(10, 12, 10));
        Assert.Equal(LifecycleState.Registered, t.Complaint.State);
    }

    [Fact]
    public void Completion_is_refused_when_nothing_is_missing_when_it_cannot_help_and_for_a_tip()
    {
        Refused(() => Submitted().RequestCompletion(Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot request completion: the complaint meets every requirement: register it");
        var late = Submitted(at: Wib(10, 20));
        Refused(() => late.RequestCompletion(Intake, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot request completion: a requirement fails that completion cannot cure (became_known_at: filed on 2024-10-20, after the 7 days filing window from 2024-10-01 ended on 2024-10-08 (UU 10/2016 Pasal 134; Perbawaslu 8/2020)): reject it");
        Refused(() => Submitted(Tip(), ComplaintKind.InformasiAwal).RequestCompletion(Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot request completion: an informasi awal is never completed by its anonymous source: convert it to a temuan or close it");
        Refused(() => Submitted().Complete(Laporan(), Intake, Wib(10, 4)), RefusalKind.WrongState,
            "cannot complete: complaint is received, not needs_completion");
    }

    // ---- registration ----

    [Fact]
    public void Registration_needs_every_requirement_and_a_matching_number()
    {
        Refused(() => Submitted(Laporan() with { Place = null }).Register(Number(), Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot register: requirements not met: place: required (where it happened)");
        Refused(() => Submitted().Register(Number(kind: ComplaintKind.Temuan), Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot register: number 52.71/TM/2024/0007 is for a temuan, the complaint is a laporan");
        Refused(() => Submitted().Register(RegistrationNumber.Create("52", ComplaintKind.Laporan, 2024, 7), Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot register: number 52/LP/2024/0007 belongs to office 52, the handling office is 52.71");
        // 31 Dec 2024 18:00 UTC is already 1 Jan 2025 in WIB.
        var newYear = new DateTimeOffset(2024, 12, 31, 18, 0, 0, TimeSpan.Zero);
        Refused(() => Submitted(at: Wib(10, 3)).Register(Number(), Intake, newYear), RefusalKind.RequirementUnmet,
            "cannot register: number 52.71/LP/2024/0007 is of 2024, the registration is in 2025 (WIB)");
        Refused(() => Submitted(Tip(), ComplaintKind.InformasiAwal).Register(Number(), Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot register: an informasi awal is never registered (reporter identity is a formal requirement): convert it to a temuan first");
        Refused(() => Submitted().Register(Number(), Reviewer, Wib(10, 4)), RefusalKind.NotPermitted,
            "cannot register: requires role intake_officer for region 52.71");
        Refused(() => Registered().Register(Number(8), Intake, Wib(10, 4)), RefusalKind.WrongState,
            "cannot register: complaint is registered, not received");
    }

    [Fact]
    public void A_temuan_registers_under_TM()
    {
        var t = Submitted(Temuan(), ComplaintKind.Temuan).Register(Number(1, ComplaintKind.Temuan), Intake, Wib(10, 3, 12));
        Assert.Equal("52.71/TM/2024/0001", t.Complaint.RegistrationNumber!.ToString());
    }

    [Fact]
    public void Steps_cannot_go_back_in_time()
    {
        Refused(() => Submitted(at: Wib(10, 3, 12)).Register(Number(), Intake, Wib(10, 3, 11)), RefusalKind.RequirementUnmet,
            "cannot register: 2024-10-03T11:00:00.0000000+07:00 is before the last recorded step (2024-10-03T12:00:00.0000000+07:00)");
    }

    // ---- rejection and withdrawal ----

    [Fact]
    public void A_late_or_never_completed_complaint_is_rejected_with_its_failures()
    {
        var t = Submitted(at: Wib(10, 20)).Reject("Melewati batas waktu pelaporan", Intake, Wib(10, 20, 10));
        AssertStep(t, LifecycleState.Received, LifecycleState.Rejected, "reject", Intake, Wib(10, 20, 10));
        Assert.StartsWith("became_known_at: filed on 2024-10-20", Assert.Single(Assert.IsType<ComplaintRejectedDomainEvent>(t.Event).FailedRequirements));

        var waiting = Submitted(Laporan() with { Place = null }).RequestCompletion(Intake, Wib(10, 3, 10)).Complaint;
        t = waiting.Reject("Pelapor tidak melengkapi", Intake, Wib(10, 6));
        AssertStep(t, LifecycleState.NeedsCompletion, LifecycleState.Rejected, "reject", Intake, Wib(10, 6));
        Assert.True(t.Complaint.State.IsFinal());
    }

    [Fact]
    public void Rejection_refusals()
    {
        Refused(() => Submitted().Reject("Tidak suka", Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot reject: the complaint meets every requirement: a complete, timely report must be registered");
        Refused(() => Submitted(Tip(), ComplaintKind.InformasiAwal).Reject("x", Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot reject: the informasi awal fails no requirement: convert it to a temuan or close it");
        Refused(() => Submitted(at: Wib(10, 20)).Reject(" ", Intake, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot reject: a reason is required");
        Refused(() => Registered().Reject("x", Intake, Wib(10, 4)), RefusalKind.WrongState,
            "cannot reject: complaint is registered, not received or needs_completion");
    }

    [Fact]
    public void A_laporan_is_withdrawn_only_before_registration()
    {
        var t = Submitted().Withdraw("Pelapor mencabut laporan", Intake, Wib(10, 4));
        AssertStep(t, LifecycleState.Received, LifecycleState.Closed, "withdraw", Intake, Wib(10, 4));
        var waiting = Submitted(Laporan() with { Place = null }).RequestCompletion(Intake, Wib(10, 3, 10)).Complaint;
        AssertStep(waiting.Withdraw("Dicabut", Intake, Wib(10, 4)), LifecycleState.NeedsCompletion, LifecycleState.Closed, "withdraw", Intake, Wib(10, 4));

        var error = Refused(() => UnderReview().Withdraw("Dicabut", Intake, Wib(10, 4)), RefusalKind.WrongState,
            "cannot withdraw: complaint is under_review under 52.71/LP/2024/0007: once registered a report cannot be withdrawn");
        Assert.Equal(LifecycleState.UnderReview, error.State);
        Refused(() => Submitted(Temuan(), ComplaintKind.Temuan).Withdraw("x", Intake, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot withdraw: only a laporan is withdrawn, at its reporter's request; this is a temuan");
        Refused(() => Submitted().Withdraw("", Intake, Wib(10, 4)), RefusalKind.RequirementUnmet, "cannot withdraw: a reason is required");
        Refused(() => Submitted(at: Wib(10, 20)).Reject("late", Intake, Wib(10, 20)).Complaint.Withdraw("x", Intake, Wib(10, 21)),
            RefusalKind.WrongState, "cannot withdraw: complaint is rejected, not received or needs_completion");
    }

    // ---- informasi awal ----

    [Fact]
    public void An_informasi_awal_becomes_a_temuan_filed_when_converted_and_is_then_registered()
    {
        var tip = Submitted(Tip(), ComplaintKind.InformasiAwal, at: Wib(10, 2));
        Assert.Equal(IntakeVerdict.Logged, tip.Assessment.Verdict);
        var finding = Temuan() with { BecameKnownAt = Wib(10, 2) };
        var t = tip.ConvertToFinding(finding, Intake, Wib(10, 8));
        AssertStep(t, LifecycleState.Received, LifecycleState.Received, "convert_to_finding", Intake, Wib(10, 8));
        Assert.Equal((ComplaintKind.Temuan, Wib(10, 8)), (t.Complaint.Kind, t.Complaint.FiledAt));
        Assert.Equal(IntakeVerdict.Registrable, Assert.IsType<InformationConvertedToFindingDomainEvent>(t.Event).Verdict);
        Assert.Equal(LifecycleState.Registered, t.Complaint.Register(Number(1, ComplaintKind.Temuan), Intake, Wib(10, 8, 10)).Complaint.State);

        Refused(() => Submitted().ConvertToFinding(finding, Intake, Wib(10, 8)), RefusalKind.RequirementUnmet,
            "cannot convert to finding: only an informasi awal becomes a temuan; this is a laporan");
        // The desk files the supervisor's finding, as it files every temuan; a reviewer alone does not.
        Refused(() => tip.ConvertToFinding(finding, Reviewer, Wib(10, 8)), RefusalKind.NotPermitted,
            "cannot convert to finding: requires role intake_officer for region 52.71");
    }

    [Fact]
    public void An_informasi_awal_not_taken_up_is_closed_and_other_kinds_are_not_closed_from_received()
    {
        var t = Submitted(Tip(), ComplaintKind.InformasiAwal).Close("Tidak cukup petunjuk", Reviewer, Wib(10, 5));
        AssertStep(t, LifecycleState.Received, LifecycleState.Closed, "close", Reviewer, Wib(10, 5));
        Refused(() => Submitted().Close("x", Reviewer, Wib(10, 5)), RefusalKind.RequirementUnmet,
            "cannot close: a laporan is not closed from received: register, reject or withdraw it");
        Refused(() => Submitted(Tip(), ComplaintKind.InformasiAwal).Close("", Reviewer, Wib(10, 5)), RefusalKind.RequirementUnmet,
            "cannot close: a note is required");
    }

    // ---- review ----

    [Fact]
    public void Review_refusals()
    {
        Refused(() => Submitted().StartReview(Reviewer, Wib(10, 4)), RefusalKind.WrongState, "cannot start review: complaint is received, not registered");
        Refused(() => Registered().StartReview(Intake, Wib(10, 4)), RefusalKind.NotPermitted, "cannot start review: requires role reviewer for region 52.71");
        Refused(() => Registered().ExtendReview("x", Reviewer, Wib(10, 4)), RefusalKind.WrongState,
            "cannot extend review: complaint is registered, not under_review");
        Refused(() => UnderReview().ExtendReview(" ", Reviewer, Wib(10, 4)), RefusalKind.RequirementUnmet,
            "cannot extend review: a reason is required (more information is needed)");
        var extended = UnderReview().ExtendReview("Saksi", Reviewer, Wib(10, 4)).Complaint;
        Refused(() => extended.ExtendReview("Lagi", Reviewer, Wib(10, 5)), RefusalKind.RequirementUnmet,
            "cannot extend review: the one 2-day extension was already used (UU 10/2016 Pasal 134; Perbawaslu 8/2020)");
        Refused(() => UnderReview().ExtendReview("Terlambat", Reviewer, Wib(10, 7, 0)), RefusalKind.RequirementUnmet,
            "cannot extend review: the review deadline passed at 2024-10-07 00:00 WIB; a missed deadline cannot be extended");
        Assert.Equal(LifecycleState.UnderReview, UnderReview().ExtendReview("Tepat waktu", Reviewer, Wib(10, 6, 23, 59)).Complaint.State);
    }

    [Fact]
    public void The_general_election_regime_extends_once_by_7_working_days()
    {
        var extended = UnderReview(ElectionRegimes.GeneralElection).ExtendReview("Saksi", Reviewer, Wib(10, 10)).Complaint;
        Refused(() => extended.ExtendReview("Lagi", Reviewer, Wib(10, 11)), RefusalKind.RequirementUnmet,
            "cannot extend review: the one 7-working-day extension was already used (UU 7/2017 Pasal 454; Perbawaslu 7/2022)");
    }

    [Fact]
    public void Decisions_need_reasoning_and_a_catalogue_type_and_late_ones_are_marked()
    {
        Refused(() => UnderReview().Decide(DecisionOutcome.Violation, "", Reviewer, Wib(10, 5)), RefusalKind.RequirementUnmet,
            "cannot decide: the reasoning is required");
        Refused(() => UnderReview().Decide(DecisionOutcome.Violation, "x", Reviewer, Wib(10, 5), 13), RefusalKind.RequirementUnmet,
            "cannot decide: violation type 13 is not in the catalogue (1-12, SKB 2022 (Netralitas ASN), Lampiran II)");
        Refused(() => UnderReview().Decide(DecisionOutcome.NotViolation, "x", Reviewer, Wib(10, 5), 2), RefusalKind.RequirementUnmet,
            "cannot decide: a decision of not_violation carries no violation type");
        Refused(() => Registered().Decide(DecisionOutcome.Violation, "x", Reviewer, Wib(10, 5)), RefusalKind.WrongState,
            "cannot decide: complaint is registered, not under_review");
        Refused(() => UnderReview().Decide(DecisionOutcome.Violation, "x", SanctionOfficer, Wib(10, 5)), RefusalKind.NotPermitted,
            "cannot decide: requires role reviewer for region 52.71");

        var late = UnderReview().Decide(DecisionOutcome.NotViolation, "Tidak terbukti", Reviewer, Wib(10, 7, 0));
        Assert.True(late.Complaint.Decision!.Late);
        Assert.Null(late.Complaint.Decision.ViolationType);
        Assert.Equal("not_violation (late): Tidak terbukti", late.Complaint.History[^1].Note);
        var reclassified = UnderReview().Decide(DecisionOutcome.Violation, "Foto dengan simbol", Reviewer, Wib(10, 5), 7);
        Assert.Equal(7, reclassified.Complaint.Decision!.ViolationType);
    }

    // ---- after the decision ----

    [Fact]
    public void Not_a_violation_is_closed_and_cannot_be_recommended()
    {
        var decided = Decided(DecisionOutcome.NotViolation);
        Refused(() => decided.IssueRecommendation("x", Reviewer, Wib(10, 6)), RefusalKind.RequirementUnmet,
            "cannot issue recommendation: the decision was not_violation: there is nothing to recommend; close it");
        var t = decided.Close("Tidak terbukti", Reviewer, Wib(10, 6));
        AssertStep(t, LifecycleState.Decided, LifecycleState.Closed, "close", Reviewer, Wib(10, 6));
    }

    [Fact]
    public void Forwarded_to_Gakkumdu_is_closed_unless_a_neutrality_violation_type_goes_on_to_BKN()
    {
        var criminalOnly = Decided(DecisionOutcome.ForwardedGakkumdu);
        Refused(() => criminalOnly.IssueRecommendation("x", Reviewer, Wib(10, 6)), RefusalKind.RequirementUnmet,
            "cannot issue recommendation: the complaint was forwarded to Gakkumdu without a neutrality violation type: there is nothing to recommend to BKN");
        Assert.Equal(LifecycleState.Closed, criminalOnly.Close("Diteruskan ke Sentra Gakkumdu", Reviewer, Wib(10, 6)).Complaint.State);

        var both = Decided(DecisionOutcome.ForwardedGakkumdu, 12);
        Assert.Equal(LifecycleState.RecommendedToBkn, both.IssueRecommendation("0124/PP", Reviewer, Wib(10, 6)).Complaint.State);
        Refused(() => both.Close("x", Reviewer, Wib(10, 6)), RefusalKind.RequirementUnmet,
            "cannot close: the decision was forwarded_gakkumdu with violation type 12: issue the recommendation to BKN");
        Refused(() => Decided().Close("x", Reviewer, Wib(10, 6)), RefusalKind.RequirementUnmet,
            "cannot close: the decision was violation with violation type 2: issue the recommendation to BKN");
    }

    [Fact]
    public void Recommendation_refusals()
    {
        Refused(() => Decided().IssueRecommendation(" ", Reviewer, Wib(10, 6)), RefusalKind.RequirementUnmet,
            "cannot issue recommendation: the recommendation's reference (letter number) is required");
        Refused(() => UnderReview().IssueRecommendation("x", Reviewer, Wib(10, 6)), RefusalKind.WrongState,
            "cannot issue recommendation: complaint is under_review, not decided");
        Refused(() => Decided().IssueRecommendation("x", SanctionOfficer, Wib(10, 6)), RefusalKind.NotPermitted,
            "cannot issue recommendation: requires role reviewer for region 52.71");
    }

    [Fact]
    public void The_Satgas_confirms_or_dismisses_with_national_scope()
    {
        var recommended = Recommended();
        Assert.Equal("", recommended.ScopeRegionCodeFor(TransitionTable.ConfirmRecommendation));
        Refused(() => recommended.ConfirmRecommendation(Reviewer, Wib(10, 12)), RefusalKind.NotPermitted,
            "cannot confirm recommendation: requires role sanction_officer with national scope");
        Refused(() => Decided().ConfirmRecommendation(SanctionOfficer, Wib(10, 12)), RefusalKind.WrongState,
            "cannot confirm recommendation: complaint is decided, not recommended_to_bkn");

        var t = recommended.DismissRecommendation("Bukti tidak cukup", SanctionOfficer, Wib(10, 12));
        AssertStep(t, LifecycleState.RecommendedToBkn, LifecycleState.Closed, "dismiss_recommendation", SanctionOfficer, Wib(10, 12));
        Refused(() => recommended.DismissRecommendation("", SanctionOfficer, Wib(10, 12)), RefusalKind.RequirementUnmet,
            "cannot dismiss recommendation: a reason is required");
        Refused(() => Verified().DismissRecommendation("x", SanctionOfficer, Wib(10, 16)), RefusalKind.WrongState,
            "cannot dismiss recommendation: complaint is verified, not recommended_to_bkn");
    }

    // ---- sanction and escalation ----

    [Fact]
    public void The_sanction_must_match_the_violations_level()
    {
        var heavy = Verified(2);
        Refused(() => heavy.ImposeSanction("allowance_cut_25_6_months", "SK", SanctionOfficer, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot impose sanction: allowance_cut_25_6_months is a medium sanction; violation 2 calls for heavy (demotion_12_months, non_managerial_post_12_months, honourable_dismissal)");
        Refused(() => heavy.ImposeSanction("moral_open_statement", "SK", SanctionOfficer, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot impose sanction: moral_open_statement is a moral sanction; a discipline sanction of level heavy is required beside it");
        Refused(() => heavy.ImposeSanction("caning", "SK", SanctionOfficer, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot impose sanction: unknown sanction caning (PP 94/2021 Pasal 8 catalogue)");
        Refused(() => heavy.ImposeSanction("demotion_12_months", "SK", SanctionOfficer, Wib(10, 20), ["written_reprimand"]), RefusalKind.RequirementUnmet,
            "cannot impose sanction: written_reprimand is not a moral sanction (PP 42/2004)");
        Refused(() => heavy.ImposeSanction("demotion_12_months", " ", SanctionOfficer, Wib(10, 20)), RefusalKind.RequirementUnmet,
            "cannot impose sanction: the PPK's decree reference is required");
        Refused(() => heavy.ImposeSanction("demotion_12_months", "SK", Reviewer, Wib(10, 20)), RefusalKind.NotPermitted,
            "cannot impose sanction: requires role sanction_officer for region 52.71");
        Refused(() => Recommended().ImposeSanction("demotion_12_months", "SK", SanctionOfficer, Wib(10, 20)), RefusalKind.WrongState,
            "cannot impose sanction: complaint is recommended_to_bkn, not verified");

        Assert.Equal("allowance_cut_25_9_months",
            Verified(3).ImposeSanction("allowance_cut_25_9_months", "SK", SanctionOfficer, Wib(10, 20)).Complaint.Sanction!.SanctionCode);
        Assert.Equal(LifecycleState.SanctionImposed,
            Verified(5).ImposeSanction("dishonourable_dismissal", "SK", SanctionOfficer, Wib(10, 20)).Complaint.State);
    }

    [Fact]
    public void The_sanction_is_checked_against_the_employing_region()
    {
        var employedByProvince = Submitted(Laporan() with { Reported = Laporan().Reported! with { RegionCode = "52" } });
        // Not allowed from received, so no scope to check yet.
        Assert.Null(employedByProvince.ScopeRegionCodeFor(TransitionTable.ImposeSanction));
        Assert.Equal("52", employedByProvince.ScopeRegionCode(ScopeRegion.Employing));
        Assert.Equal("52", employedByProvince.EmployingRegionCode);
        Assert.Equal("52.71", employedByProvince.ScopeRegionCodeFor(TransitionTable.Register));
        Assert.Equal("52.71", Verified().ScopeRegionCodeFor(TransitionTable.ImposeSanction));
        Assert.Equal("", (Submitted() with { HandlingOfficeCode = "RI" }).HandlingRegionCode);
    }

    [Fact]
    public void Escalation_only_after_the_PPK_deadline_is_missed_and_it_restarts_the_deadline()
    {
        var clock = new FakeClock(Wib(10, 29, 23, 59));
        var verified = Verified(); // verified 15 Oct: PPK follow-up due 30 Oct 00:00 WIB (14 days)
        Refused(() => verified.Escalate(SanctionOfficer, clock.Now), RefusalKind.RequirementUnmet,
            "cannot escalate: the PPK follow-up deadline falls due at 2024-10-30 00:00 WIB; escalation needs it missed");

        var t = verified.Escalate(SanctionOfficer, clock.Set(Wib(10, 30, 0)));
        AssertStep(t, LifecycleState.Verified, LifecycleState.Verified, "escalate", SanctionOfficer, clock.Now);
        var escalated = Assert.IsType<ComplaintEscalatedDomainEvent>(t.Event);
        Assert.Equal((1, "PPK did not act by 2024-10-30 00:00 WIB"), (escalated.Level, escalated.Note));

        Refused(() => t.Complaint.Escalate(SanctionOfficer, clock.Advance(TimeSpan.FromDays(1))), RefusalKind.RequirementUnmet,
            "cannot escalate: the PPK follow-up deadline falls due at 2024-11-14 00:00 WIB; escalation needs it missed");
        var again = t.Complaint.Escalate(SanctionOfficer, clock.Set(Wib(11, 14, 8)), "Teguran kepada atasan PPK");
        Assert.Equal(2, again.Complaint.EscalationLevel);
        Assert.Equal(LifecycleState.SanctionImposed,
            again.Complaint.ImposeSanction("demotion_12_months", "SK", SanctionOfficer, clock.Advance(TimeSpan.FromDays(1))).Complaint.State);

        Refused(() => Recommended().Escalate(SanctionOfficer, Wib(12, 1)), RefusalKind.WrongState,
            "cannot escalate: complaint is recommended_to_bkn, not verified");
        Refused(() => verified.Escalate(Reviewer, Wib(12, 1)), RefusalKind.NotPermitted,
            "cannot escalate: requires role sanction_officer with national scope");
    }

    [Fact]
    public void Closing_after_the_sanction_needs_a_sanction_officer_and_final_states_allow_nothing()
    {
        var sanctioned = Verified().ImposeSanction("demotion_12_months", "SK", SanctionOfficer, Wib(10, 20)).Complaint;
        Refused(() => sanctioned.Close("x", Reviewer, Wib(10, 21)), RefusalKind.NotPermitted,
            "cannot close: requires role sanction_officer with national scope");
        var closed = sanctioned.Close("Register BKN", SanctionOfficer, Wib(10, 21)).Complaint;
        Refused(() => closed.Close("x", SanctionOfficer, Wib(10, 22)), RefusalKind.WrongState,
            "cannot close: complaint is closed, not received or decided or sanction_imposed");
        Refused(() => closed.StartReview(Reviewer, Wib(10, 22)), RefusalKind.WrongState, "cannot start review: complaint is closed, not registered");
        Refused(() => Verified().Close("x", SanctionOfficer, Wib(10, 22)), RefusalKind.WrongState,
            "cannot close: complaint is verified, not received or decided or sanction_imposed");
    }

    [Fact]
    public void An_admin_takes_no_case_step()
    {
        Assert.DoesNotContain(TransitionTable.Rules, r => r.Role == ComplaintRoles.Admin);
        Refused(() => Submitted().Register(Number(), Admin, Wib(10, 4)), RefusalKind.NotPermitted,
            "cannot register: requires role intake_officer for region 52.71");
    }

    [Fact]
    public void Every_state_but_the_final_ones_is_left_by_some_transition_and_every_state_is_reached()
    {
        var states = Enum.GetValues<LifecycleState>();
        Assert.All(states.Where(s => !s.IsFinal()), s => Assert.Contains(TransitionTable.Rules, r => r.From == s && r.To != s));
        Assert.All(states, s => Assert.Contains(TransitionTable.Rules, r => r.To == s));
        Assert.DoesNotContain(TransitionTable.Rules, r => r.From is { } from && from.IsFinal());
    }
}
