using Oversight.Catalogues;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Infrastructure;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.IntegrationEvents.Events;

/// <summary>
/// The integration events of the domain's events (pure), for intake and every lifecycle step alike: one per domain
/// event, each carrying the public state after the change. Steps with no event of their own raise
/// <see cref="ComplaintStatusChanged"/> naming the step. Only public facts: codes, references, reasons the officers
/// wrote for the public record; never the reporter.
/// </summary>
public static class ComplaintIntegrationEvents
{
    /// <summary>The step names of <see cref="ComplaintStatusChanged"/>.</summary>
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

    /// <summary>The events of a change, in the domain's order, with the state of <paramref name="row"/> and the deadlines open after it.</summary>
    public static IReadOnlyList<IntegrationEvent> Of(IEnumerable<ComplaintDomainEvent> raised, ComplaintRow row, IEnumerable<Deadline> openDeadlines)
    {
        var state = ComplaintStateSnapshot.From(row, openDeadlines);
        return [.. raised.Select(e => For(e, row, state))];
    }

    public static IntegrationEvent For(ComplaintDomainEvent step, ComplaintRow row, ComplaintState state)
    {
        // Instants go out in UTC (docs/events.md); the domain's legal times are WIB (+07:00) offsets.
        var at = step.At.ToUniversalTime();
        var id = row.Id;
        var region = row.RegionCode;
        return step switch
        {
            ComplaintSubmittedDomainEvent => new ComplaintSubmitted
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                ViolationType = row.ViolationType, HandlingOffice = row.HandlingOffice, Kind = row.Kind, Status = row.Status,
                HandlingOfficeId = row.HandlingOfficeId, HandlingRegionCode = row.HandlingRegionCode,
                RegistrationNumber = row.RegistrationNumber, OutsideElectionPeriod = row.OutsideElectionPeriod,
                ReceivedAt = at, AccusedAgency = row.ReportedAgency,
            },
            ComplaintRegisteredDomainEvent registered => new ComplaintRegistered
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                RegistrationNumber = registered.RegistrationNumber, RegisteredAt = at,
            },
            ComplaintRejectedDomainEvent rejected => new ComplaintRejected
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reason = rejected.Reason,
                // Field names only ("place: required (where it happened)" → "place").
                FailedRequirements = [.. rejected.FailedRequirements.Select(e => e.Split(':', 2)[0])],
            },
            ReviewExtendedDomainEvent extended => new ReviewExtended
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reason = extended.Reason, ReviewDueAt = extended.ReviewDueAt.ToUniversalTime(),
            },
            ComplaintDecidedDomainEvent decided => new ComplaintDecided
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Outcome = decided.Outcome.Name(), ViolationType = decided.ViolationType ?? 0, Late = decided.Late,
            },
            RecommendationIssuedDomainEvent issued => new RecommendationIssued
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Reference = issued.Reference,
                ViolationType = issued.ViolationType,
                SanctionLevel = ViolationCatalogue.Find(issued.ViolationType)!.Level.Name(),
                EmployingRegionCode = row.EmployingRegionCode,
            },
            SanctionImposedDomainEvent imposed => new SanctionImposed
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                SanctionCode = imposed.SanctionCode,
                SanctionLevel = SanctionCatalogue.Find(imposed.SanctionCode)!.Level!.Value.Name(),
                MoralSanctionCodes = imposed.MoralSanctionCodes,
                DecreeReference = imposed.DecreeReference,
            },
            ComplaintEscalatedDomainEvent escalated => new ComplaintEscalated
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                Level = escalated.Level, EscalatedTo = EscalatedTo(escalated.Level), Note = escalated.Note,
            },
            ComplaintClosedDomainEvent closed => new ComplaintClosed
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at,
                ClosedFrom = closed.ClosedFrom.Name(), Note = closed.Note,
            },
            _ => new ComplaintStatusChanged
            {
                ComplaintId = id, State = state, RegionCode = region, OccurredAt = at, Step = StepOf(step),
            },
        };
    }

    private static string StepOf(ComplaintDomainEvent step) => step switch
    {
        ComplaintCompletionRequestedDomainEvent => Steps.CompletionRequested,
        ComplaintWithdrawnDomainEvent => Steps.Withdrawn,
        InformationConvertedToFindingDomainEvent => Steps.ConvertedToFinding,
        ReviewStartedDomainEvent => Steps.ReviewStarted,
        RecommendationVerifiedDomainEvent => Steps.RecommendationVerified,
        RecommendationDismissedDomainEvent => Steps.RecommendationDismissed,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "No integration event for this step."),
    };
}
