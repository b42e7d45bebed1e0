namespace Oversight.Contracts.IntegrationEvents;

// The complaint events after intake, one per lifecycle step of docs/domain.md. Each carries the complaint's
// public state after the step (ComplaintChange.State); the fields below are the step's own facts.

/// <summary>A complaint was refused at intake or on completion: it will not be registered. Final.</summary>
public sealed record ComplaintRejected : ComplaintChange
{
    /// <summary>Why, in words (public).</summary>
    public required string Reason { get; init; }

    /// <summary>The requirements it failed, as the API names the fields (<c>place</c>, <c>evidence</c>).</summary>
    public IReadOnlyList<string> FailedRequirements { get; init; } = [];
}

/// <summary>Bawaslu used the regime's one extension of the review deadline.</summary>
public sealed record ReviewExtended : ComplaintChange
{
    /// <summary>Why the review needs more time.</summary>
    public required string Reason { get; init; }

    /// <summary>The new review deadline.</summary>
    public required DateTimeOffset ReviewDueAt { get; init; }
}

/// <summary>The review ended in a decision.</summary>
public sealed record ComplaintDecided : ComplaintChange
{
    /// <summary><c>violation</c>, <c>not_violation</c> or <c>forwarded_gakkumdu</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The violation type found (1-12); 0 when not a violation.</summary>
    public int ViolationType { get; init; }

    /// <summary>Decided after the review deadline.</summary>
    public bool Late { get; init; }
}

/// <summary>Bawaslu sent its recommendation to BKN (with a copy to the PPK's agency).</summary>
public sealed record RecommendationIssued : ComplaintChange
{
    /// <summary>Bawaslu's letter number.</summary>
    public required string Reference { get; init; }

    /// <summary>The violation type the recommendation is about (1-12).</summary>
    public required int ViolationType { get; init; }

    /// <summary>The sanction level the catalogue gives for it.</summary>
    public required string SanctionLevel { get; init; }

    /// <summary>The directory's id of the office of the PPK who must act (empty when not routed).</summary>
    public string PpkOfficeId { get; init; } = "";

    /// <summary>Kemendagri code of the employing region, whose PPK imposes the sanction.</summary>
    public string EmployingRegionCode { get; init; } = "";
}

/// <summary>The PPK imposed a sanction (PP 94/2021, and any moral sanctions).</summary>
public sealed record SanctionImposed : ComplaintChange
{
    /// <summary>The PP 94/2021 sanction code (e.g. <c>light.written_reprimand</c>).</summary>
    public required string SanctionCode { get; init; }

    /// <summary><c>light</c>, <c>medium</c>, <c>heavy</c> or <c>dismissal</c>.</summary>
    public required string SanctionLevel { get; init; }

    /// <summary>Moral sanction codes imposed with it.</summary>
    public IReadOnlyList<string> MoralSanctionCodes { get; init; } = [];

    /// <summary>The PPK's decree number.</summary>
    public required string DecreeReference { get; init; }
}

/// <summary>The PPK did not act in time; the case went up (BKN's control, then the province).</summary>
public sealed record ComplaintEscalated : ComplaintChange
{
    /// <summary>1 for the first escalation, 2 for the next, ...</summary>
    public required int Level { get; init; }

    /// <summary>Who it went to: <c>bkn</c>, <c>province</c>.</summary>
    public required string EscalatedTo { get; init; }

    /// <summary>A public note.</summary>
    public string Note { get; init; } = "";
}

/// <summary>The complaint was closed. Final.</summary>
public sealed record ComplaintClosed : ComplaintChange
{
    /// <summary>The status it was closed from.</summary>
    public required string ClosedFrom { get; init; }

    /// <summary>A public note.</summary>
    public string Note { get; init; } = "";
}

/// <summary>
/// Any other step that changes a complaint's state without an event of its own (completion requested or
/// done, withdrawn, converted to a finding, review started, recommendation verified or dismissed), so that a
/// read model never misses a status change.
/// </summary>
public sealed record ComplaintStatusChanged : ComplaintChange
{
    /// <summary>The step, e.g. <c>review_started</c>, <c>recommendation_verified</c>, <c>withdrawn</c>.</summary>
    public required string Step { get; init; }
}
