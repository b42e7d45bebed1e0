using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.IntegrationEvents.Events;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.UnitTests.Complaints.Domain;
using static Oversight.UnitTests.Complaints.Domain.ComplaintFixtures;
using Contract = Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests.Complaints.Lifecycle;

/// <summary>
/// The service's pure lifecycle plumbing: a row written after each step rebuilds into the domain complaint it came
/// from (so the next step sees the same state, decision, sanction and deadlines), the status names, the events, the
/// deadline changes and the completion's merge.
/// </summary>
public sealed class StoredLifecycleTests
{
    private static readonly Actor Ppk = Actor.Of("oc-ppk", ComplaintRoles.SanctionOfficer);

    /// <summary>The row intake stores for <see cref="ComplaintFixtures.Registered"/>.</summary>
    private static ComplaintRow RegisteredRow()
    {
        var details = Laporan();
        return new ComplaintRow
        {
            Id = Guid.Parse("0b7a1f1e-0000-4000-8000-000000000001"),
            Kind = "laporan", Regime = "pilkada", RegionCode = Region, ViolationType = details.ViolationType,
            Description = details.Description!, HandlingOffice = "Bawaslu Kota Mataram", HandlingOfficeId = "office-1",
            HandlingOfficeCode = Office, HandlingRegionCode = Office, EmployingRegionCode = "52.71", Status = "registered",
            ReceivedAt = Wib(10, 3).UtcDateTime, OccurredAt = details.OccurredAt!.Value.UtcDateTime, Place = details.Place!,
            BecameKnownAt = details.BecameKnownAt!.Value.UtcDateTime, ReportedName = "Lalu Ahmad", ReportedNip = ReportedNip,
            ReportedAgency = "Dinas Kominfo", Evidence = """[{"url":"https://example.org/post/1","sha256":null,"description":null}]""",
            SignatureAttested = true, ReporterCategory = "voter", RegistrationNumber = Number().ToString(), RegistrationOffice = Office,
            RegistrationYear = 2024, RegistrationSequence = 7, RegisteredAt = Wib(10, 3, 10).UtcDateTime, Version = 1,
        };
    }

    [Fact]
    public void Each_steps_row_rebuilds_into_the_complaint_it_came_from_up_to_the_closing()
    {
        var row = RegisteredRow();
        var complaint = ComplaintFromRow.ToDomain(row);
        Assert.Equal(LifecycleState.Registered, complaint.State);
        Assert.Equal(ComplaintDeadlines.Open(Registered()), ComplaintDeadlines.Open(complaint));

        (string Action, Func<ComplaintAggregate, ComplaintTransition> Step, string Status)[] steps =
        [
            (TransitionTable.StartReview, c => c.StartReview(Reviewer, Wib(10, 3, 11)), "under_review"),
            (TransitionTable.Decide, c => c.Decide(DecisionOutcome.Violation, "Terbukti", Reviewer, Wib(10, 5)), "decided"),
            (TransitionTable.IssueRecommendation, c => c.IssueRecommendation("12/PM/2024", Reviewer, Wib(10, 6)), "recommended_to_bkn"),
            (TransitionTable.ConfirmRecommendation, c => c.ConfirmRecommendation(SanctionOfficer, Wib(10, 8)), "verified"),
            (TransitionTable.ImposeSanction, c => c.ImposeSanction("demotion_12_months", "800/1/2024", Ppk, Wib(10, 20), ["moral_open_statement"]), "sanction_imposed"),
            (TransitionTable.Close, c => c.Close("Dicatat", SanctionOfficer, Wib(10, 21)), "closed"),
        ];
        foreach (var (action, step, status) in steps)
        {
            var after = step(complaint).Complaint;
            var next = ComplaintRowMapper.AfterStep(row, after, action, after.History[^1].At);
            Assert.Equal((status, row.Version + 1), (next.Status, next.Version));

            var rebuilt = ComplaintFromRow.ToDomain(next);
            Assert.Equal(after.State, rebuilt.State);
            Assert.Equal(after.Decision, rebuilt.Decision);
            Assert.Equal(after.RecommendationReference, rebuilt.RecommendationReference);
            Assert.Equal(after.VerifiedAt, rebuilt.VerifiedAt);
            Assert.Equal(after.Sanction?.SanctionCode, rebuilt.Sanction?.SanctionCode);
            Assert.Equal(after.Sanction?.MoralSanctionCodes, rebuilt.Sanction?.MoralSanctionCodes);
            Assert.Equal(ComplaintDeadlines.Open(after), ComplaintDeadlines.Open(rebuilt));
            Assert.Equal(after.History[^1].At, rebuilt.History[^1].At);
            (row, complaint) = (next, rebuilt);
        }
        Assert.Equal("heavy", row.SanctionLevel);
        Assert.NotNull(row.ClosedAt);
    }

    [Fact]
    public void A_step_dated_before_the_last_stored_change_is_refused_after_a_reload()
    {
        var row = ComplaintRowMapper.AfterStep(RegisteredRow(), Registered().StartReview(Reviewer, Wib(10, 4)).Complaint, TransitionTable.StartReview, Wib(10, 4));
        var refused = Assert.Throws<TransitionRefusedException>(() =>
            ComplaintFromRow.ToDomain(row).Decide(DecisionOutcome.NotViolation, "Tidak terbukti", Reviewer, Wib(10, 3, 12)));
        Assert.Contains("before the last recorded step", refused.Message);
    }

    [Theory]
    [InlineData("logged", LifecycleState.Received)]
    [InlineData("needs_completion", LifecycleState.NeedsCompletion)]
    [InlineData("withdrawn", LifecycleState.Closed)]
    [InlineData("recommended_to_bkn", LifecycleState.RecommendedToBkn)]
    public void Stored_statuses_map_to_the_domains_states(string status, LifecycleState state) =>
        Assert.Equal(state, LifecycleStatuses.StateOf(status));

    [Fact]
    public void A_withdrawn_laporan_and_a_logged_tip_keep_their_own_status_names()
    {
        Assert.Equal("withdrawn", LifecycleStatuses.StatusOf(LifecycleState.Closed, Oversight.Complaints.Domain.Intake.ComplaintKind.Laporan, TransitionTable.Withdraw));
        Assert.Equal("closed", LifecycleStatuses.StatusOf(LifecycleState.Closed, Oversight.Complaints.Domain.Intake.ComplaintKind.Laporan, TransitionTable.Close));
        Assert.Equal("logged", LifecycleStatuses.StatusOf(LifecycleState.Received, Oversight.Complaints.Domain.Intake.ComplaintKind.InformasiAwal, TransitionTable.Close));
    }

    [Fact]
    public void Every_step_raises_its_own_event_or_a_status_change_naming_the_step_with_the_state_after_it()
    {
        var row = RegisteredRow();
        var state = ComplaintStateSnapshot.From(row, []);
        var review = ComplaintIntegrationEvents.For(Registered().StartReview(Reviewer, Wib(10, 3, 11)).Event, row, state);
        Assert.Equal("review_started", Assert.IsType<Contract.ComplaintStatusChanged>(review).Step);
        Assert.Same(state, ((Contract.ComplaintChange)review).State);

        var issued = Assert.IsType<Contract.RecommendationIssued>(ComplaintIntegrationEvents.For(
            Decided().IssueRecommendation("12/PM/2024", Reviewer, Wib(10, 6)).Event, row, state));
        Assert.Equal(("12/PM/2024", 2, "heavy", "52.71"), (issued.Reference, issued.ViolationType, issued.SanctionLevel, issued.EmployingRegionCode));

        var decided = Assert.IsType<Contract.ComplaintDecided>(ComplaintIntegrationEvents.For(
            UnderReview().Decide(DecisionOutcome.NotViolation, "Tidak terbukti", Reviewer, Wib(10, 5)).Event, row, state));
        Assert.Equal(("not_violation", 0, false), (decided.Outcome, decided.ViolationType, decided.Late));

        Assert.Equal(("bkn", "province"), (ComplaintIntegrationEvents.EscalatedTo(1), ComplaintIntegrationEvents.EscalatedTo(2)));
    }

    [Fact]
    public void The_snapshot_carries_the_decision_and_the_sanction_and_the_decided_type_replaces_the_reported_one()
    {
        var row = RegisteredRow();
        row.Outcome = "not_violation";
        row.DecidedAt = Wib(10, 5).UtcDateTime;
        var notViolation = ComplaintStateSnapshot.From(row, []);
        Assert.Equal(("not_violation", 0, Wib(10, 5)), (notViolation.Outcome, notViolation.ViolationType, notViolation.DecidedAt));

        row.Outcome = "violation";
        row.DecidedViolationType = 3;
        row.SanctionLevel = "medium";
        var violation = ComplaintStateSnapshot.From(row, []);
        Assert.Equal((3, "medium"), (violation.ViolationType, violation.SanctionLevel));
    }

    [Fact]
    public void Deadlines_of_the_old_state_are_met_moved_ones_replaced_and_unchanged_ones_kept()
    {
        var registered = ComplaintDeadlines.Open(Registered());
        var underReview = ComplaintDeadlines.Open(UnderReview());
        var keep = DeadlineChanges.Between(registered, underReview);
        Assert.Empty(keep.Close);
        Assert.Empty(keep.Open);

        var extended = ComplaintDeadlines.Open(UnderReview().ExtendReview("Perlu keterangan saksi", Reviewer, Wib(10, 4)).Complaint);
        var extension = DeadlineChanges.Between(underReview, extended);
        Assert.Equal([(DeadlineKinds.Review, DeadlineChanges.Replaced)], extension.Close);
        Assert.Equal(DeadlineKinds.Review, Assert.Single(extension.Open).Kind);

        var decided = DeadlineChanges.Between(underReview, ComplaintDeadlines.Open(Decided()));
        Assert.Equal([(DeadlineKinds.Review, DeadlineChanges.Met)], decided.Close);
        Assert.Empty(decided.Open);
    }

    [Fact]
    public void A_completion_checks_its_fields_like_a_submission_and_keeps_what_it_does_not_supply()
    {
        var bad = CompletionMapper.Map(new CompleteComplaintRequest { OccurredAt = "yesterday", ViolationType = 99 }, Wib(10, 3), out var errors);
        Assert.Null(bad);
        Assert.Contains(errors, e => e.StartsWith("occurred_at: must be an RFC 3339 instant", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("violation_type: must be a number of the violation catalogue", StringComparison.Ordinal));

        var supplied = CompletionMapper.Map(new CompleteComplaintRequest { Place = "Kantor Camat" }, Wib(10, 3), out errors);
        Assert.Empty(errors);
        var merged = CompletionMapper.Merge(Laporan(), supplied!);
        Assert.Equal("Kantor Camat", merged.Place);
        Assert.Equal(Laporan().Description, merged.Description);
        Assert.Equal(Laporan().Evidence, merged.Evidence);
        Assert.Equal(Laporan().Reporter, merged.Reporter);
    }
}
