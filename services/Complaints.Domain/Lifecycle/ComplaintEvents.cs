using Oversight.Complaints.Domain.Intake;

namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>
/// What a transition announces. Plain domain records: the integration-event contracts (and event ids)
/// are the service's business. Every transition raises exactly one.
/// </summary>
public abstract record ComplaintEvent(Guid ComplaintId, DateTimeOffset At, string ActorId);

public sealed record ComplaintSubmitted(
    Guid ComplaintId, DateTimeOffset At, string ActorId, ComplaintKind Kind, string RegionCode, string HandlingOfficeCode,
    IntakeVerdict Verdict, bool OutsideElectionPeriod) : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintCompletionRequested(Guid ComplaintId, DateTimeOffset At, string ActorId, IReadOnlyList<string> Missing)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintCompleted(Guid ComplaintId, DateTimeOffset At, string ActorId, IntakeVerdict Verdict)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintRegistered(Guid ComplaintId, DateTimeOffset At, string ActorId, string RegistrationNumber)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintRejected(
    Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason, IReadOnlyList<string> FailedRequirements)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintWithdrawn(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record InformationConvertedToFinding(Guid ComplaintId, DateTimeOffset At, string ActorId, IntakeVerdict Verdict)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ReviewStarted(Guid ComplaintId, DateTimeOffset At, string ActorId, DateTimeOffset ReviewDueAt)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ReviewExtended(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason, DateTimeOffset ReviewDueAt)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintDecided(
    Guid ComplaintId, DateTimeOffset At, string ActorId, DecisionOutcome Outcome, int? ViolationType, bool Late)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record RecommendationIssued(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reference, int ViolationType)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record RecommendationVerified(Guid ComplaintId, DateTimeOffset At, string ActorId)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record RecommendationDismissed(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason)
    : ComplaintEvent(ComplaintId, At, ActorId);

/// <summary>The PPK did not act in time; <paramref name="Level"/> counts the escalations (1 for BKN's first control action).</summary>
public sealed record ComplaintEscalated(Guid ComplaintId, DateTimeOffset At, string ActorId, int Level, string Note)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record SanctionImposed(
    Guid ComplaintId, DateTimeOffset At, string ActorId, string SanctionCode, IReadOnlyList<string> MoralSanctionCodes, string DecreeReference)
    : ComplaintEvent(ComplaintId, At, ActorId);

public sealed record ComplaintClosed(Guid ComplaintId, DateTimeOffset At, string ActorId, ComplaintState ClosedFrom, string Note)
    : ComplaintEvent(ComplaintId, At, ActorId);
