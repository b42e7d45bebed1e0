using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Transitions;

namespace Oversight.Complaints.Grpc;

/// <summary>A lifecycle step that is one call on the domain's complaint: given who acts and when, the transition.</summary>
public delegate ComplaintTransition DomainStep(ComplaintAggregate complaint, Actor actor, DateTimeOffset at);

/// <summary>
/// A lifecycle step inside its transaction: given the loaded complaint, who acts and when, its stored row and the
/// transaction's scope (registration numbers), the transition (the domain's, or several chained).
/// </summary>
public delegate Task<ComplaintTransition> StoredStep(ComplaintAggregate complaint, Actor actor, DateTimeOffset at, ComplaintRow row, ITransitionScope scope);
