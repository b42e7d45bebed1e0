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

    public static ComplaintState StateOf(string status) => status switch
    {
        ComplaintStatuses.Logged or "received" => ComplaintState.Received,
        ComplaintStatuses.NeedsCompletion => ComplaintState.NeedsCompletion,
        ComplaintStatuses.Registered => ComplaintState.Registered,
        "rejected" => ComplaintState.Rejected,
        Withdrawn or "closed" => ComplaintState.Closed,
        "under_review" => ComplaintState.UnderReview,
        "decided" => ComplaintState.Decided,
        "recommended_to_bkn" => ComplaintState.RecommendedToBkn,
        "verified" => ComplaintState.Verified,
        "sanction_imposed" => ComplaintState.SanctionImposed,
        _ => throw new InvalidOperationException($"Unknown stored status '{status}'."),
    };

    /// <summary>The status to store after a step <paramref name="action"/> left the complaint in <paramref name="state"/>.</summary>
    public static string StatusOf(ComplaintState state, ComplaintKind kind, string action) => state switch
    {
        ComplaintState.Received when kind == ComplaintKind.InformasiAwal => ComplaintStatuses.Logged,
        ComplaintState.Closed when action == TransitionTable.Withdraw => Withdrawn,
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
