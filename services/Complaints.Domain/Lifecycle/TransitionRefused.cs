namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>Why a transition was refused; the service maps each to a gRPC status.</summary>
public enum RefusalKind
{
    /// <summary>The complaint is not in a state the transition starts from (FailedPrecondition).</summary>
    WrongState,

    /// <summary>The actor lacks the role (PermissionDenied).</summary>
    NotPermitted,

    /// <summary>The state is right but a requirement of the step is not met (FailedPrecondition or InvalidArgument).</summary>
    RequirementUnmet,
}

/// <summary>
/// A refused transition. The message names the step and the rule, and the complaint's state where that
/// is the reason: "cannot decide: complaint is registered, not under_review".
/// </summary>
public sealed class TransitionRefusedException(string action, LifecycleState? state, RefusalKind kind, string rule)
    : InvalidOperationException($"cannot {action.Replace('_', ' ')}: {rule}")
{
    public string Action { get; } = action;

    /// <summary>The complaint's state when refused; null for a refused submission.</summary>
    public LifecycleState? State { get; } = state;

    public RefusalKind Kind { get; } = kind;

    public string Rule { get; } = rule;
}
