using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;

namespace Oversight.Complaints.Model;

/// <summary>
/// The stored and public names of statuses, kinds, reporter categories and outcomes, and the domain's states (pure).
/// Status names are the domain's, except two
/// that say more to a reader: an informasi awal taken in is <c>logged</c>, and a laporan closed at its reporter's
/// request is <c>withdrawn</c>.
/// </summary>
public static class LifecycleStatuses
{
    public const string Withdrawn = "withdrawn";

    public static LifecycleState StateOf(string status) => status switch
    {
        ComplaintStatuses.Logged or "received" => LifecycleState.Received,
        ComplaintStatuses.NeedsCompletion => LifecycleState.NeedsCompletion,
        ComplaintStatuses.Registered => LifecycleState.Registered,
        "rejected" => LifecycleState.Rejected,
        Withdrawn or "closed" => LifecycleState.Closed,
        "under_review" => LifecycleState.UnderReview,
        "decided" => LifecycleState.Decided,
        "recommended_to_bkn" => LifecycleState.RecommendedToBkn,
        "verified" => LifecycleState.Verified,
        "sanction_imposed" => LifecycleState.SanctionImposed,
        _ => throw new InvalidOperationException($"Unknown stored status '{status}'."),
    };

    /// <summary>The status to store after a step <paramref name="action"/> left the complaint in <paramref name="state"/>.</summary>
    public static string StatusOf(LifecycleState state, ComplaintKind kind, string action) => state switch
    {
        LifecycleState.Received when kind == ComplaintKind.InformasiAwal => ComplaintStatuses.Logged,
        LifecycleState.Closed when action == TransitionTable.Withdraw => Withdrawn,
        _ => state.Name(),
    };

    public static DecisionOutcome? ParseOutcome(string? outcome) => outcome switch
    {
        "violation" => DecisionOutcome.Violation,
        "not_violation" => DecisionOutcome.NotViolation,
        "forwarded_gakkumdu" => DecisionOutcome.ForwardedGakkumdu,
        _ => null,
    };

    public static ComplaintKind? ParseKind(string? kind) => kind switch
    {
        "laporan" => ComplaintKind.Laporan,
        "temuan" => ComplaintKind.Temuan,
        "informasi_awal" => ComplaintKind.InformasiAwal,
        _ => null,
    };

    public static ReporterCategory? ParseCategory(string? category) => category switch
    {
        "voter" => ReporterCategory.Voter,
        "accredited_monitor" => ReporterCategory.AccreditedMonitor,
        "participant" => ReporterCategory.Participant,
        "supervisor" => ReporterCategory.Supervisor,
        _ => null,
    };
}
