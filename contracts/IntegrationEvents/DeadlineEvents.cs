namespace Oversight.Contracts.IntegrationEvents;

/// <summary>What the deadline events share: which deadline of which complaint, who must act, and when it falls due.</summary>
public abstract record DeadlineEvent : IntegrationEvent
{
    /// <summary>Id of the complaint the deadline belongs to.</summary>
    public required Guid ComplaintId { get; init; }

    /// <inheritdoc/>
    public override Guid? AboutComplaint() => ComplaintId;

    /// <summary>Id of the deadline; an extended deadline is a new one with a new id.</summary>
    public required Guid DeadlineId { get; init; }

    /// <summary>Which deadline: <c>review</c>, <c>verification</c>, <c>ppk_follow_up</c>, ...</summary>
    public required string Kind { get; init; }

    /// <summary>Who must act before it falls due: <c>bawaslu</c>, <c>bkn</c> or <c>ppk</c>.</summary>
    public required string Owner { get; init; }

    /// <summary>When it falls due.</summary>
    public required DateTimeOffset DueAt { get; init; }
}

/// <summary>A deadline of a complaint is near (raised once per deadline, when its warning time passes).</summary>
public sealed record DeadlineApproaching : DeadlineEvent;

/// <summary>A deadline of a complaint passed without the action it waits for (raised once per deadline).</summary>
public sealed record DeadlineMissed : DeadlineEvent;
