using System.Globalization;

namespace Oversight.Reporting.Model;

/// <summary>What kind of Redis structure an entry lives in.</summary>
public enum EntryKind
{
    /// <summary>A hash field counting complaints (HINCRBY).</summary>
    Counter,
    /// <summary>The complaint as a member of a sorted set, with a score (ZADD/ZREM).</summary>
    Ranked,
    /// <summary>A member of a set that only grows (SADD): the child regions seen under a parent.</summary>
    Member,
}

/// <summary>
/// One thing a complaint's snapshot adds to the read model. <see cref="Key"/> is relative to the key prefix
/// (and the generation), so a stored contribution stays valid whichever prefix reads it.
/// Field is the hash field (Counter), the set member (Member) or unused (Ranked, whose member is the complaint id).
/// </summary>
public sealed record ProjectionEntry(EntryKind Kind, string Key, string Field, double Score = 0)
{
    public static ProjectionEntry Counter(string key, string field) => new(EntryKind.Counter, key, field);
    public static ProjectionEntry Ranked(string key, double score) => new(EntryKind.Ranked, key, "", score);
    public static ProjectionEntry Member(string key, string member) => new(EntryKind.Member, key, member);

    /// <summary>One tab-separated line; texts are cleaned of tabs and line breaks when the entry is made.</summary>
    public string Serialize() => Kind switch
    {
        EntryKind.Counter => $"h\t{Key}\t{Field}",
        EntryKind.Ranked => $"z\t{Key}\t{Score.ToString("R", CultureInfo.InvariantCulture)}",
        _ => $"s\t{Key}\t{Field}",
    };

    public static ProjectionEntry Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length != 3) throw new FormatException($"Not a projection entry: '{line}'.");
        return parts[0] switch
        {
            "h" => Counter(parts[1], parts[2]),
            "z" => Ranked(parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture)),
            "s" => Member(parts[1], parts[2]),
            _ => throw new FormatException($"Unknown projection entry kind '{parts[0]}'."),
        };
    }

    public static string SerializeAll(IEnumerable<ProjectionEntry> entries) => string.Join('\n', entries.Select(e => e.Serialize()));

    public static IReadOnlyList<ProjectionEntry> ParseAll(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n').Select(Parse).ToList();
}
