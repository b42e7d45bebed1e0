namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// The public state of a complaint after a change, carried by every complaint event so that a read model
/// (reporting, an integrator's dashboard) can place the complaint from any single event, in any order:
/// keep the snapshot with the highest <see cref="Version"/>. The complaints service's export stream hands out
/// the same snapshot, so a rebuild and the live feed agree. No reporter data, no accused name or NIP.
/// </summary>
public sealed record ComplaintState
{
    /// <summary>The complaint's version after the change: 1 at intake, one more per change. Higher wins.</summary>
    public required int Version { get; init; }

    /// <summary>
    /// <c>logged</c> (informasi awal), <c>needs_completion</c>, <c>registered</c>, <c>rejected</c>, <c>withdrawn</c>,
    /// <c>under_review</c>, <c>decided</c>, <c>recommended_to_bkn</c>, <c>verified</c>, <c>sanction_imposed</c>
    /// or <c>closed</c>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary><c>laporan</c>, <c>temuan</c> or <c>informasi_awal</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Kemendagri code of the region where it happened (<c>52.71</c>).</summary>
    public required string RegionCode { get; init; }

    /// <summary>Violation type number from the SKB 2022 catalogue (1-12); 0 when not classified.</summary>
    public int ViolationType { get; init; }

    /// <summary>The directory's id of the handling Bawaslu office.</summary>
    public string HandlingOfficeId { get; init; } = "";

    /// <summary>Region of the handling office (<c>52.71</c>, <c>52</c>); empty for Bawaslu RI.</summary>
    public string HandlingRegionCode { get; init; } = "";

    /// <summary>The agency the accused works for (an institution); empty when not given.</summary>
    public string AccusedAgency { get; init; } = "";

    /// <summary><c>52.71/LP/2026/0001</c> once registered; null before.</summary>
    public string? RegistrationNumber { get; init; }

    /// <summary>The region was outside its election period when the complaint was received.</summary>
    public bool OutsideElectionPeriod { get; init; }

    /// <summary>When the desk received it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When it was decided; null before.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary><c>violation</c>, <c>not_violation</c> or <c>forwarded_gakkumdu</c> once decided; null before.</summary>
    public string? Outcome { get; init; }

    /// <summary><c>light</c>, <c>medium</c>, <c>heavy</c> or <c>dismissal</c> once a sanction is imposed; null before.</summary>
    public string? SanctionLevel { get; init; }

    /// <summary>The deadline the complaint now waits on, if any (the earliest open one that someone must meet).</summary>
    public OpenDeadline? OpenDeadline { get; init; }

    /// <summary>No further change is possible (rejected, withdrawn, closed).</summary>
    public bool IsFinal => Status is "rejected" or "withdrawn" or "closed";
}

/// <summary>A deadline a complaint waits on.</summary>
/// <param name="Kind"><c>completion</c>, <c>review</c>, <c>verification</c>, <c>ppk_follow_up</c>, ...</param>
/// <param name="Owner"><c>reporter</c>, <c>bawaslu</c>, <c>bkn</c> or <c>ppk</c>.</param>
/// <param name="DueAt">When it falls due.</param>
public sealed record OpenDeadline(string Kind, string Owner, DateTimeOffset DueAt);

/// <summary>What every complaint event carries: which complaint, and its public state after the change.</summary>
public abstract record ComplaintChange : IntegrationEvent
{
    /// <summary>Id of the complaint.</summary>
    public required Guid ComplaintId { get; init; }

    /// <inheritdoc/>
    public override Guid? AboutComplaint() => ComplaintId;

    /// <summary>The complaint's public state after this change (null only on events written before schema 2).</summary>
    public ComplaintState? State { get; init; }
}
