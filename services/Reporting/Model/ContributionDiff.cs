namespace Oversight.Reporting.Model;

/// <summary>A change to apply to Redis, in the order given.</summary>
public abstract record ProjectionChange
{
    /// <summary>HINCRBY key field delta.</summary>
    public sealed record Count(string Key, string Field, long Delta) : ProjectionChange;
    /// <summary>ZADD key score complaint (the member is the complaint the change belongs to).</summary>
    public sealed record Rank(string Key, double Score) : ProjectionChange;
    /// <summary>ZREM key complaint.</summary>
    public sealed record Unrank(string Key) : ProjectionChange;
    /// <summary>SADD key member.</summary>
    public sealed record AddMember(string Key, string Member) : ProjectionChange;
}

/// <summary>
/// What must change in the read model when a complaint's snapshot is replaced by a newer one: the old
/// snapshot's counters down, the new one's up, netted so that an unchanged counter is not touched.
/// This keeps every level's counters the exact sum of the complaints under it. The live read model applies the same
/// rule inside Redis (Infrastructure/Projection.lua, in one round trip with the version check); this C# form is the
/// rule's statement that the unit tests check, and the Lua script must stay the same rule.
/// </summary>
public static class ContributionDiff
{
    public static IReadOnlyList<ProjectionChange> Between(IReadOnlyList<ProjectionEntry> old, IReadOnlyList<ProjectionEntry> next)
    {
        var changes = new List<ProjectionChange>();

        var deltas = new Dictionary<(string Key, string Field), long>();
        var order = new List<(string, string)>();
        void Add((string, string) counter, long delta)
        {
            if (!deltas.TryGetValue(counter, out var current)) order.Add(counter);
            deltas[counter] = current + delta;
        }
        foreach (var e in old.Where(e => e.Kind == EntryKind.Counter)) Add((e.Key, e.Field), -1);
        foreach (var e in next.Where(e => e.Kind == EntryKind.Counter)) Add((e.Key, e.Field), +1);
        changes.AddRange(order.Where(c => deltas[c] != 0).Select(c => new ProjectionChange.Count(c.Item1, c.Item2, deltas[c])));

        var oldRanks = old.Where(e => e.Kind == EntryKind.Ranked).ToDictionary(e => e.Key, e => e.Score);
        var newRanks = next.Where(e => e.Kind == EntryKind.Ranked).ToDictionary(e => e.Key, e => e.Score);
        changes.AddRange(oldRanks.Keys.Where(k => !newRanks.ContainsKey(k)).Select(k => new ProjectionChange.Unrank(k)));
        changes.AddRange(newRanks.Where(r => !oldRanks.TryGetValue(r.Key, out var score) || score != r.Value)
            .Select(r => new ProjectionChange.Rank(r.Key, r.Value)));

        // Child sets only grow: a region that once had a complaint keeps its row (with zeros).
        var oldMembers = old.Where(e => e.Kind == EntryKind.Member).Select(e => (e.Key, e.Field)).ToHashSet();
        changes.AddRange(next.Where(e => e.Kind == EntryKind.Member && !oldMembers.Contains((e.Key, e.Field)))
            .Select(e => new ProjectionChange.AddMember(e.Key, e.Field)));
        return changes;
    }
}
