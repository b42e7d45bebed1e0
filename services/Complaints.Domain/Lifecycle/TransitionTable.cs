using static Oversight.Complaints.Domain.Lifecycle.ComplaintRoles;
using static Oversight.Complaints.Domain.Lifecycle.LifecycleState;

namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>Which region a caller's token scope must cover for a step.</summary>
public enum ScopeRegion
{
    /// <summary>The handling Bawaslu office's region (intake, review, decision, recommendation).</summary>
    Handling,

    /// <summary>The region whose government employs the reported civil servant: its PPK imposes the sanction.</summary>
    Employing,

    /// <summary>National (BKN and the Satgas: verification, escalation, the discipline register).</summary>
    National,
}

/// <summary>One allowed step: from which state, to which, by whom, what it needs and which event it raises.</summary>
public sealed record TransitionRule(
    string Action, LifecycleState? From, LifecycleState To, string Role, ScopeRegion Scope, string Requires, string Event);

/// <summary>
/// Every transition of the lifecycle, as a table a reader can check against docs/domain.md ("How a complaint
/// is handled"). <see cref="Complaint"/> refuses any step not listed here for the complaint's state, or by
/// an actor without the role; the requirement column is enforced by each method.
/// </summary>
public static class TransitionTable
{
    public const string Submit = "submit";
    public const string RequestCompletion = "request_completion";
    public const string Complete = "complete";
    public const string Register = "register";
    public const string Reject = "reject";
    public const string Withdraw = "withdraw";
    public const string ConvertToFinding = "convert_to_finding";
    public const string StartReview = "start_review";
    public const string ExtendReview = "extend_review";
    public const string Decide = "decide";
    public const string IssueRecommendation = "issue_recommendation";
    public const string ConfirmRecommendation = "confirm_recommendation";
    public const string DismissRecommendation = "dismiss_recommendation";
    public const string Escalate = "escalate";
    public const string ImposeSanction = "impose_sanction";
    public const string Close = "close";

    public static IReadOnlyList<TransitionRule> Rules { get; } =
    [
        new(Submit, null, Received, IntakeOfficer, ScopeRegion.Handling,
            "details; the intake checks run and their result is kept; a handling office", nameof(ComplaintSubmittedDomainEvent)),
        new(RequestCompletion, Received, NeedsCompletion, IntakeOfficer, ScopeRegion.Handling,
            "a laporan or temuan whose failing requirements can all be cured", nameof(ComplaintCompletionRequestedDomainEvent)),
        new(Complete, NeedsCompletion, Received, IntakeOfficer, ScopeRegion.Handling,
            "the completed details, checked again; the filing instant stays the original one", nameof(ComplaintCompletedDomainEvent)),
        new(Register, Received, Registered, IntakeOfficer, ScopeRegion.Handling,
            "a laporan or temuan meeting every requirement; a number of the handling office, the kind and the WIB year",
            nameof(ComplaintRegisteredDomainEvent)),
        new(Reject, Received, Rejected, IntakeOfficer, ScopeRegion.Handling,
            "a reason and at least one failing requirement (a complete, timely report must be registered)", nameof(ComplaintRejectedDomainEvent)),
        new(Reject, NeedsCompletion, Rejected, IntakeOfficer, ScopeRegion.Handling,
            "a reason and at least one failing requirement", nameof(ComplaintRejectedDomainEvent)),
        new(Withdraw, Received, Closed, IntakeOfficer, ScopeRegion.Handling,
            "a laporan, at the reporter's request; once registered it cannot be withdrawn", nameof(ComplaintWithdrawnDomainEvent)),
        new(Withdraw, NeedsCompletion, Closed, IntakeOfficer, ScopeRegion.Handling,
            "a laporan, at the reporter's request", nameof(ComplaintWithdrawnDomainEvent)),
        new(ConvertToFinding, Received, Received, IntakeOfficer, ScopeRegion.Handling,
            "an informasi awal; the supervisor's finding details, checked as a temuan filed now", nameof(InformationConvertedToFindingDomainEvent)),
        new(StartReview, Registered, UnderReview, Reviewer, ScopeRegion.Handling, "nothing more", nameof(ReviewStartedDomainEvent)),
        new(ExtendReview, UnderReview, UnderReview, Reviewer, ScopeRegion.Handling,
            "a reason (more information needed); the one extension unused; the review deadline not yet passed", nameof(ReviewExtendedDomainEvent)),
        new(Decide, UnderReview, Decided, Reviewer, ScopeRegion.Handling,
            "an outcome and its reasoning; for a violation a catalogue type; a late decision is recorded as late", nameof(ComplaintDecidedDomainEvent)),
        new(IssueRecommendation, Decided, RecommendedToBkn, Reviewer, ScopeRegion.Handling,
            "a decided violation (or a forwarding with a neutrality violation type); the recommendation's reference",
            nameof(RecommendationIssuedDomainEvent)),
        new(ConfirmRecommendation, RecommendedToBkn, Verified, SanctionOfficer, ScopeRegion.National,
            "the Satgas's verification; starts the PPK follow-up deadline", nameof(RecommendationVerifiedDomainEvent)),
        new(DismissRecommendation, RecommendedToBkn, Closed, SanctionOfficer, ScopeRegion.National,
            "the Satgas's reason for not confirming it", nameof(RecommendationDismissedDomainEvent)),
        new(Escalate, Verified, Verified, SanctionOfficer, ScopeRegion.National,
            "the PPK follow-up deadline has passed; restarts it", nameof(ComplaintEscalatedDomainEvent)),
        new(ImposeSanction, Verified, LifecycleState.SanctionImposed, SanctionOfficer, ScopeRegion.Employing,
            "a discipline sanction of the violation's level (PP 94/2021 Pasal 8), the PPK's decree, optional moral sanctions",
            nameof(SanctionImposedDomainEvent)),
        new(Close, Received, Closed, Reviewer, ScopeRegion.Handling,
            "an informasi awal not taken up as a finding; a reason", nameof(ComplaintClosedDomainEvent)),
        new(Close, Decided, Closed, Reviewer, ScopeRegion.Handling,
            "a decision that leads to no recommendation (not a violation, or forwarded without a neutrality violation)",
            nameof(ComplaintClosedDomainEvent)),
        new(Close, LifecycleState.SanctionImposed, Closed, SanctionOfficer, ScopeRegion.National,
            "a note of the entry in BKN's discipline register", nameof(ComplaintClosedDomainEvent)),
    ];

    /// <summary>The rows of one action.</summary>
    public static IReadOnlyList<TransitionRule> For(string action) => [.. Rules.Where(r => r.Action == action)];
}
