using Oversight.Complaints.Domain.Intake;

namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>
/// What a transition announces (named <c>...DomainEvent</c>, apart from the contracts' integration events). Plain
/// domain records: the integration-event contracts (and event ids)
/// are the service's business. Every transition raises exactly one.
/// </summary>
public abstract record ComplaintDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId);

public sealed record ComplaintSubmittedDomainEvent(
    Guid ComplaintId, DateTimeOffset At, string ActorId, ComplaintKind Kind, string RegionCode, string HandlingOfficeCode,
    IntakeVerdict Verdict, bool OutsideElectionPeriod) : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintCompletionRequestedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, IReadOnlyList<string> Missing)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintCompletedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, IntakeVerdict Verdict)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintRegisteredDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, string RegistrationNumber)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintRejectedDomainEvent(
    Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason, IReadOnlyList<string> FailedRequirements)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintWithdrawnDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record InformationConvertedToFindingDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, IntakeVerdict Verdict)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ReviewStartedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, DateTimeOffset ReviewDueAt)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ReviewExtendedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason, DateTimeOffset ReviewDueAt)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintDecidedDomainEvent(
    Guid ComplaintId, DateTimeOffset At, string ActorId, DecisionOutcome Outcome, int? ViolationType, bool Late)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record RecommendationIssuedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reference, int ViolationType)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record RecommendationVerifiedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record RecommendationDismissedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, string Reason)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

/// <summary>The PPK did not act in time; <paramref name="Level"/> counts the escalations (1 for BKN's first control action).</summary>
public sealed record ComplaintEscalatedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, int Level, string Note)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record SanctionImposedDomainEvent(
    Guid ComplaintId, DateTimeOffset At, string ActorId, string SanctionCode, IReadOnlyList<string> MoralSanctionCodes, string DecreeReference)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);

public sealed record ComplaintClosedDomainEvent(Guid ComplaintId, DateTimeOffset At, string ActorId, LifecycleState ClosedFrom, string Note)
    : ComplaintDomainEvent(ComplaintId, At, ActorId);
