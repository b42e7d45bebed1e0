using Oversight.Complaints.Domain.Deadlines;

namespace Oversight.Complaints.Infrastructure.Transitions;

/// <summary>
/// Which deadlines a step closes and which it opens (pure): a deadline of the old state that the new state no longer
/// has was met; one whose due instant moved (an extension, an escalation restarting the PPK's clock) is closed and
/// opened again; one that stays the same (the review deadline when the review starts) is left alone.
/// Informational deadlines (the filing window) are never stored.
/// </summary>
public static class DeadlineChanges
{
    public const string Met = "met";
    public const string Replaced = "replaced";

    public sealed record Change(IReadOnlyList<(string Kind, string Reason)> Close, IReadOnlyList<Deadline> Open);

    public static Change Between(IReadOnlyList<Deadline> before, IReadOnlyList<Deadline> after)
    {
        var old = before.Where(d => !d.Informational).ToList();
        var next = after.Where(d => !d.Informational).ToList();
        var close = new List<(string, string)>();
        var open = new List<Deadline>();
        foreach (var deadline in old)
        {
            var successor = next.FirstOrDefault(d => d.Kind == deadline.Kind);
            if (successor is null)
            {
                close.Add((deadline.Kind, Met));
            }
            else if (successor.DueAt != deadline.DueAt)
            {
                close.Add((deadline.Kind, Replaced));
            }
        }
        foreach (var deadline in next)
        {
            var predecessor = old.FirstOrDefault(d => d.Kind == deadline.Kind);
            if (predecessor is null || predecessor.DueAt != deadline.DueAt)
            {
                open.Add(deadline);
            }
        }
        return new(close, open);
    }
}
