using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;

namespace Oversight.Complaints.Domain.Deadlines;

/// <summary>The kinds of deadline, as the <c>complaint_deadlines</c> table stores them.</summary>
public static class DeadlineKinds
{
    /// <summary>Informational: until when the violation may be reported. The scheduler raises nothing for it.</summary>
    public const string FilingWindow = "filing_window";

    public const string Review = "review";
    public const string Verification = "verification";
    public const string PpkFollowUp = "ppk_follow_up";
}

/// <summary>Who must act before a deadline: the office kind (as <c>complaint_deadlines.owner</c>) and the role that records the act.</summary>
public static class DeadlineOwners
{
    public const string Reporter = "reporter";
    public const string Bawaslu = "bawaslu";
    public const string Bkn = "bkn";
    public const string Ppk = "ppk";
}

/// <summary>One open deadline of a complaint.</summary>
/// <param name="Owner">Office kind that must act (<see cref="DeadlineOwners"/>).</param>
/// <param name="OwnerRole">The role that records the awaited act.</param>
/// <param name="RegionCode">The complaint's region, for routing and scoping the events.</param>
/// <param name="StartsAt">The instant the period counts from (its WIB date is day 0).</param>
/// <param name="ApproachingAt">From when it counts as approaching: the regime's lead before <paramref name="DueAt"/>, never before the start.</param>
/// <param name="Informational">True for the filing window: shown, but the scheduler raises no event.</param>
/// <param name="Rule">The period and the regulation, e.g. "3 days (UU 10/2016 Pasal 134; Perbawaslu 8/2020)".</param>
public sealed record Deadline(
    string Kind, string Owner, string OwnerRole, string RegionCode, DateTimeOffset StartsAt, DateTimeOffset DueAt,
    DateTimeOffset ApproachingAt, bool Informational, string Rule)
{
    /// <summary>Approaching and not yet missed.</summary>
    public bool IsApproaching(DateTimeOffset at) => at >= ApproachingAt && at < DueAt;

    /// <summary>The awaited act did not happen before <see cref="DueAt"/> (00:00 WIB after the last day).</summary>
    public bool IsMissed(DateTimeOffset at) => at >= DueAt;
}

/// <summary>
/// Which deadlines a complaint has in its current state, and when each falls due (pure: the scheduler
/// stores and watches them). Periods and day counting come from the complaint's <see cref="ElectionRegime"/>
/// and <see cref="LegalTime"/>.
/// <list type="table">
/// <item><term>received, needs_completion</term><description>filing window (informational), from when the violation became known</description></item>
/// <item><term>registered, under_review</term><description>review: from receipt (Pilkada) or registration (Pemilu); the extended period once extended</description></item>
/// <item><term>recommended_to_bkn</term><description>Satgas verification, from the recommendation</description></item>
/// <item><term>verified</term><description>PPK follow-up, from the verification or the last escalation</description></item>
/// </list>
/// Every other state has none: a step that leaves a state meets (closes) the deadline of that state.
/// </summary>
public static class ComplaintDeadlines
{
    public static IReadOnlyList<Deadline> Open(ComplaintAggregate complaint)
    {
        var regime = complaint.Regime;
        switch (complaint.State)
        {
            case LifecycleState.Received or LifecycleState.NeedsCompletion
                when complaint.Kind != ComplaintKind.InformasiAwal && complaint.Details.BecameKnownAt is { } known:
                return [Make(DeadlineKinds.FilingWindow, DeadlineOwners.Reporter, ComplaintRoles.IntakeOfficer, complaint, known, regime.FilingWindow, informational: true)];
            case LifecycleState.Registered or LifecycleState.UnderReview:
                return [Make(DeadlineKinds.Review, DeadlineOwners.Bawaslu, ComplaintRoles.Reviewer, complaint, ReviewStart(complaint), ReviewPeriod(complaint))];
            case LifecycleState.RecommendedToBkn:
                return [Make(DeadlineKinds.Verification, DeadlineOwners.Bkn, ComplaintRoles.SanctionOfficer, complaint, complaint.RecommendedAt!.Value, regime.Verification)];
            case LifecycleState.Verified:
                return [Make(DeadlineKinds.PpkFollowUp, DeadlineOwners.Ppk, ComplaintRoles.SanctionOfficer, complaint, PpkStart(complaint), regime.PpkFollowUp)];
            default:
                return [];
        }
    }

    /// <summary>When the review falls due (with the extension if used); null before registration.</summary>
    public static DateTimeOffset? ReviewDueAt(ComplaintAggregate complaint) =>
        complaint.RegisteredAt is null ? null
        : LegalTime.DueAt(ReviewStart(complaint), ReviewPeriod(complaint), complaint.Regime.Holidays);

    /// <summary>When the PPK's follow-up falls due; null before verification.</summary>
    public static DateTimeOffset? PpkFollowUpDueAt(ComplaintAggregate complaint) =>
        complaint.VerifiedAt is null ? null
        : LegalTime.DueAt(PpkStart(complaint), complaint.Regime.PpkFollowUp, complaint.Regime.Holidays);

    /// <summary>The deadlines of <paramref name="complaint"/> missed at <paramref name="at"/>, informational ones left out.</summary>
    public static IReadOnlyList<Deadline> Missed(ComplaintAggregate complaint, DateTimeOffset at) =>
        [.. Open(complaint).Where(d => !d.Informational && d.IsMissed(at))];

    private static DateTimeOffset ReviewStart(ComplaintAggregate complaint) =>
        complaint.Regime.ReviewClockStart == ReviewClockStart.Receipt ? complaint.ReceivedAt : complaint.RegisteredAt!.Value;

    private static DayCount ReviewPeriod(ComplaintAggregate complaint) =>
        complaint.ReviewExtended ? complaint.Regime.ExtendedReview : complaint.Regime.Review;

    private static DateTimeOffset PpkStart(ComplaintAggregate complaint) => complaint.LastEscalatedAt ?? complaint.VerifiedAt!.Value;

    private static Deadline Make(
        string kind, string owner, string role, ComplaintAggregate complaint, DateTimeOffset start, DayCount period, bool informational = false)
    {
        var regime = complaint.Regime;
        var due = LegalTime.DueAt(start, period, regime.Holidays);
        var approaching = due - regime.ApproachingLead;
        if (approaching < start)
        {
            approaching = start;
        }
        return new(kind, owner, role, complaint.RegionCode, start, due, approaching, informational, $"{period} ({RuleSource(kind, regime)})");
    }

    private static string RuleSource(string kind, ElectionRegime regime) => kind switch
    {
        DeadlineKinds.Verification => "SKB 2022, Satgas Netralitas",
        DeadlineKinds.PpkFollowUp => "configured; no regulation gives one",
        _ => regime.Regulation,
    };
}
