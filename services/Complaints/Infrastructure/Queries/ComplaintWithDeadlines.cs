using Oversight.Complaints.Domain.Deadlines;

namespace Oversight.Complaints.Infrastructure.Queries;

/// <summary>A stored complaint with the deadlines it has open: what the state snapshot of its events (<c>ComplaintStateSnapshot.From</c>) needs.</summary>
public sealed record ComplaintWithDeadlines(ComplaintRow Row, IReadOnlyList<Deadline> OpenDeadlines);

/// <summary>One page of ListComplaints; <see cref="Next"/> is null on the last page.</summary>
public sealed record ComplaintPage(IReadOnlyList<ComplaintWithDeadlines> Complaints, ListCursor? Next);

/// <summary>An open row of <c>complaint_deadlines</c>.</summary>
internal sealed class OpenDeadlineRow
{
    public Guid ComplaintId { get; init; }
    public string Kind { get; init; } = "";
    public string Owner { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public DateTime DueAt { get; init; }
    public DateTime ApproachingAt { get; init; }

    /// <summary>
    /// As the domain's <see cref="Deadline"/>, for the snapshot. Only deadlines someone must meet are stored (never the
    /// informational filing window), and the table keeps neither the start nor the rule: the snapshot uses neither.
    /// </summary>
    public Deadline ToDeadline()
    {
        var due = new DateTimeOffset(DateTime.SpecifyKind(DueAt, DateTimeKind.Utc));
        var approaching = new DateTimeOffset(DateTime.SpecifyKind(ApproachingAt, DateTimeKind.Utc));
        return new Deadline(Kind, Owner, OwnerRole: "", RegionCode, StartsAt: approaching, due, approaching, Informational: false, Rule: "");
    }
}
