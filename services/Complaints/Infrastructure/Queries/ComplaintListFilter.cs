namespace Oversight.Complaints.Infrastructure.Queries;

/// <summary>
/// What ListComplaints asks for, validated: every non-null filter must hold. <see cref="CallerScope"/> is always applied
/// (the caller's region scope, "" = national), so a filter can narrow what the caller sees, never widen it.
/// </summary>
public sealed record ComplaintListFilter
{
    /// <summary>The caller's region scope: a complaint is visible when it covers the complaint's region or its handling office's region.</summary>
    public required string CallerScope { get; init; }

    /// <summary>Region subtree of where it happened ("52" covers "52" and "52.71").</summary>
    public string? RegionCode { get; init; }

    public string? Status { get; init; }
    public int? ViolationType { get; init; }
    public string? Kind { get; init; }

    /// <summary>Case-insensitive substring of the accused's agency.</summary>
    public string? AccusedAgency { get; init; }

    /// <summary>Received at or after.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Received strictly before.</summary>
    public DateTimeOffset? ReceivedBefore { get; init; }

    /// <summary>Only complaints with an open deadline due before <see cref="Now"/>.</summary>
    public bool OverdueOnly { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required int PageSize { get; init; }

    /// <summary>Where the previous page ended; null for the first page.</summary>
    public ListCursor? After { get; init; }
}
