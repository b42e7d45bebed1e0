using Oversight.Complaints.Domain.Catalogues;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Infrastructure;
using Contract = Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.IntegrationEvents.Events;

/// <summary>
/// The integration event of a lifecycle step (pure): one per step, carrying the public state after it. Steps with no
/// event of their own raise <see cref="Contract.ComplaintStatusChanged"/> naming the step. Only public facts: codes,
/// references, reasons the officers wrote for the public record; never the reporter.
/// </summary>
public static class LifecycleEvents
{
    /// <summary>The step names of <see cref="Contract.ComplaintStatusChanged"/>.</summary>
    public static class Steps
    {
        public const string CompletionRequested = "completion_requested";
        public const string Withdrawn = "withdrawn";
        public const string ConvertedToFinding = "converted_to_finding";
        public const string ReviewStarted = "review_started";
        public const string RecommendationVerified = "recommendation_verified";
        public const string RecommendationDismissed = "recommendation_dismissed";
    }

    /// <summary>Who an escalation goes to: BKN's control first, then the province (the governor as the PPK's superior).</summary>
    public static string EscalatedTo(int level) => level <= 1 ? "bkn" : "province";

    public static Contract.IntegrationEvent For(ComplaintEvent step, ComplaintRow row, Contract.ComplaintState state)
    {
        // Instants go out in UTC (docs/events.md); the domain's legal times are WIB (+07:00) offsets.
        var at = step.At.ToUniversalTime();
        var id = row.Id;
        var region = row.RegionCode;
        return step switch
        {
            ComplaintRegistered registered => new Contract.ComplaintRegistered
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                RegistrationNumber = registered.RegistrationNumber, RegisteredAt = at,
            },
            ComplaintRejected rejected => new Contract.ComplaintRejected
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reason = rejected.Reason,
                // Field names only ("place: required (where it happened)" → "place").
                FailedRequirements = [.. rejected.FailedRequirements.Select(e => e.Split(':', 2)[0])],
            },
            ReviewExtended extended => new Contract.ReviewExtended
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reason = extended.Reason, ReviewDueAt = extended.ReviewDueAt.ToUniversalTime(),
            },
            ComplaintDecided decided => new Contract.ComplaintDecided
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Outcome = decided.Outcome.Name(), ViolationType = decided.ViolationType ?? 0, Late = decided.Late,
            },
            RecommendationIssued issued => new Contract.RecommendationIssued
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reference = issued.Reference,
                ViolationType = issued.ViolationType,
                SanctionLevel = ViolationCatalogue.Find(issued.ViolationType)!.Level.Name(),
                EmployingRegionCode = row.EmployingRegionCode,
            },
            SanctionImposed imposed => new Contract.SanctionImposed
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                SanctionCode = imposed.SanctionCode,
                SanctionLevel = SanctionCatalogue.Find(imposed.SanctionCode)!.Level!.Value.Name(),
                MoralSanctionCodes = imposed.MoralSanctionCodes,
                DecreeReference = imposed.DecreeReference,
            },
            ComplaintEscalated escalated => new Contract.ComplaintEscalated
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Level = escalated.Level, EscalatedTo = EscalatedTo(escalated.Level), Note = escalated.Note,
            },
            ComplaintClosed closed => new Contract.ComplaintClosed
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                ClosedFrom = closed.ClosedFrom.Name(), Note = closed.Note,
            },
            _ => new Contract.ComplaintStatusChanged
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at, Step = StepOf(step),
            },
        };
    }

    private static string StepOf(ComplaintEvent step) => step switch
    {
        ComplaintCompletionRequested => Steps.CompletionRequested,
        ComplaintWithdrawn => Steps.Withdrawn,
        InformationConvertedToFinding => Steps.ConvertedToFinding,
        ReviewStarted => Steps.ReviewStarted,
        RecommendationVerified => Steps.RecommendationVerified,
        RecommendationDismissed => Steps.RecommendationDismissed,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "No integration event for this step."),
    };
}
