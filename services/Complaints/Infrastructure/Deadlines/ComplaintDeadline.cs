namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>One legal deadline of a complaint, as the scheduler watches it.</summary>
public sealed record ComplaintDeadline
{
    public required Guid Id { get; init; }
    public required Guid ComplaintId { get; init; }

    /// <summary><c>review</c>, <c>verification</c>, <c>ppk_follow_up</c>, ...</summary>
    public required string Kind { get; init; }

    /// <summary>Who must act: <c>bawaslu</c>, <c>bkn</c> or <c>ppk</c>.</summary>
    public required string Owner { get; init; }

    /// <summary>The complaint's region; the events carry it for routing and scoping.</summary>
    public required string RegionCode { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>From when the deadline counts as approaching (e.g. a day before it falls due).</summary>
    public required DateTimeOffset ApproachingAt { get; init; }
}
