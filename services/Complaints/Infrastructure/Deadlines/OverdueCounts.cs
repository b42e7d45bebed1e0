using System.Diagnostics.Metrics;
using Oversight.Complaints.Domain.Deadlines;

namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>
/// The complaints past an open deadline, by the deadline's owner, as the deadline scheduler last counted them; the
/// <see cref="OversightMetrics.ComplaintsOverdue"/> gauge observes them. Nothing is reported before the first count.
/// An owner counted once and absent from a later count is reported as 0, not left at its old figure.
/// </summary>
public sealed class OverdueCounts
{
    private static readonly string[] KnownOwners = [DeadlineOwners.Reporter, DeadlineOwners.Bawaslu, DeadlineOwners.Bkn, DeadlineOwners.Ppk];

    private IReadOnlyDictionary<string, long>? _counts;

    /// <summary>Counts with the gauge registered on the Oversight meter.</summary>
    public static OverdueCounts WithGauge()
    {
        var counts = new OverdueCounts();
        OversightMetrics.ComplaintsOverdue.CreateObservableGauge(counts.Observe);
        return counts;
    }

    /// <summary>A new count: every known owner, and every owner seen before, gets a figure (0 when not counted now).</summary>
    public void Set(IEnumerable<(string Owner, long Complaints)> counted)
    {
        var next = KnownOwners.Concat(Volatile.Read(ref _counts)?.Keys ?? []).Distinct(StringComparer.Ordinal)
            .ToDictionary(owner => owner, _ => 0L, StringComparer.Ordinal);
        foreach (var (owner, complaints) in counted) next[owner] = complaints;
        Volatile.Write(ref _counts, next);
    }

    /// <summary>One measurement per owner, tagged <c>owner</c>; none before the first count.</summary>
    public IEnumerable<Measurement<long>> Observe() =>
        Volatile.Read(ref _counts) is { } counts
            ? counts.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("owner", c.Key)))
                .ToList()
            : [];
}
