namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>Where a complaint stands (docs/domain.md "How a complaint is handled", steps 1-5).</summary>
public enum LifecycleState
{
    /// <summary>Taken in and checked; an informasi awal stays here until it becomes a temuan or is closed.</summary>
    Received,

    /// <summary>Sent back to the reporter to complete (docs/domain.md: "an incomplete one may be completed").</summary>
    NeedsCompletion,

    /// <summary>Has a registration number; from here on it cannot be withdrawn.</summary>
    Registered,

    /// <summary>Refused at intake: not registered. Final.</summary>
    Rejected,

    /// <summary>Under review (kajian), against the regime's review deadline.</summary>
    UnderReview,

    /// <summary>Decided: violation, not a violation, or forwarded to Gakkumdu.</summary>
    Decided,

    /// <summary>Bawaslu's recommendation is with BKN; the Satgas verifies it.</summary>
    RecommendedToBkn,

    /// <summary>Verified and forwarded to the PPK, who must impose a sanction; escalated if the PPK does not act in time.</summary>
    Verified,

    /// <summary>The PPK imposed a sanction.</summary>
    SanctionImposed,

    /// <summary>Final.</summary>
    Closed,
}

/// <summary>The outcome of a review (docs/domain.md step 4).</summary>
public enum DecisionOutcome
{
    Violation,
    NotViolation,

    /// <summary>The criminal part goes to Sentra Gakkumdu (UU 10/2016 Pasal 188).</summary>
    ForwardedGakkumdu,
}

public static class LifecycleStates
{
    /// <summary>The wire name, e.g. <c>needs_completion</c>.</summary>
    public static string Name(this LifecycleState state) => state switch
    {
        LifecycleState.Received => "received",
        LifecycleState.NeedsCompletion => "needs_completion",
        LifecycleState.Registered => "registered",
        LifecycleState.Rejected => "rejected",
        LifecycleState.UnderReview => "under_review",
        LifecycleState.Decided => "decided",
        LifecycleState.RecommendedToBkn => "recommended_to_bkn",
        LifecycleState.Verified => "verified",
        LifecycleState.SanctionImposed => "sanction_imposed",
        LifecycleState.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The wire name: violation, not_violation, forwarded_gakkumdu.</summary>
    public static string Name(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Violation => "violation",
        DecisionOutcome.NotViolation => "not_violation",
        DecisionOutcome.ForwardedGakkumdu => "forwarded_gakkumdu",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool IsFinal(this LifecycleState state) => state is LifecycleState.Rejected or LifecycleState.Closed;
}
