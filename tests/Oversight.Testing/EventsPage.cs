using System.Text.RegularExpressions;

namespace Oversight.Testing;

/// <summary>
/// docs/events.md as an integrator reads it, parsed once for the tests that hold code to it: the event sections
/// ("## Name (schema N)", "## Name and Other (schema N)" or "### Name"), their field tables, json examples and
/// "Consumed by:" lines. A page that lacks what is asked for throws, naming the section.
/// </summary>
public static partial class EventsPage
{
    /// <summary>What a "Consumed by:" line says of an event that only integrators read.</summary>
    public const string NoService = "no Oversight service";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "docs", "events.md")));

    /// <summary>The fields of every event (the table after "Every event carries:").</summary>
    public static IReadOnlySet<string> Envelope => TableAfter("Every event carries", line => line.StartsWith("Every event carries", StringComparison.Ordinal));

    /// <summary>The fields of a complaint event's <c>state</c>.</summary>
    public static IReadOnlySet<string> State => TableAfter("state", IsStateHeading);

    /// <summary>The fields the event's own section lists.</summary>
    public static IReadOnlySet<string> Fields(string eventType) => TableAfter(eventType, line => EventsOf(line).Contains(eventType));

    /// <summary>The events with a section for integrators: every event heading before "## Private messages".</summary>
    public static IReadOnlySet<string> DocumentedEvents() =>
        Lines.Value.TakeWhile(line => !line.StartsWith("## Private messages", StringComparison.Ordinal)).SelectMany(EventsOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>The json code blocks of the event's section (up to the next heading).</summary>
    public static IReadOnlyList<string> Examples(string eventType) => BlocksAfter(eventType, line => EventsOf(line).Contains(eventType));

    /// <summary>The json code blocks of the state's section.</summary>
    public static IReadOnlyList<string> StateExamples() => BlocksAfter("state", IsStateHeading);

    /// <summary>
    /// The Oversight services the event's section says consume it, from its one line
    /// "Consumed by: notifications, reporting." (or "Consumed by: no Oversight service." for none).
    /// </summary>
    public static IReadOnlySet<string> ConsumersOf(string eventType)
    {
        var section = Section(eventType, line => EventsOf(line).Contains(eventType));
        var lines = section.Where(line => line.StartsWith("Consumed by:", StringComparison.Ordinal)).ToList();
        if (lines.Count != 1) throw new FormatException($"docs/events.md: the section of {eventType} has {lines.Count} \"Consumed by:\" lines, not one");
        var consumed = ConsumedBy().Match(lines[0]);
        if (!consumed.Success) throw new FormatException($"docs/events.md: \"{lines[0]}\" is not \"Consumed by: a, b.\"");
        var services = consumed.Groups["services"].Value;
        return services == NoService ? new HashSet<string>() : services.Split(", ").ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsStateHeading(string line) => line.StartsWith("## The complaint's `state`", StringComparison.Ordinal);

    /// <summary>The events a heading is the section of; none for other headings.</summary>
    private static IEnumerable<string> EventsOf(string line) =>
        EventHeading().Match(line) is { Success: true } heading ? heading.Groups["names"].Value.Split(" and ") : [];

    /// <summary>The lines after the first one <paramref name="heading"/> accepts, up to the next heading (outside code blocks).</summary>
    private static string[] Section(string what, Func<string, bool> heading)
    {
        var lines = Lines.Value;
        var start = Array.FindIndex(lines, line => heading(line));
        if (start < 0) throw new FormatException($"docs/events.md has no section for {what}");
        var end = start + 1;
        for (var inBlock = false; end < lines.Length && (inBlock || !lines[end].StartsWith('#')); end++)
        {
            if (lines[end].StartsWith("```", StringComparison.Ordinal)) inBlock = !inBlock;
        }
        return lines[(start + 1)..end];
    }

    /// <summary>The backticked names in the first column of the first "| field | meaning |" table after the heading.</summary>
    private static HashSet<string> TableAfter(string what, Func<string, bool> heading)
    {
        var lines = Lines.Value;
        var start = Array.FindIndex(lines, line => heading(line));
        if (start < 0) throw new FormatException($"docs/events.md has no section for {what}");
        var header = Array.FindIndex(lines, start + 1, line => line.StartsWith("| field |", StringComparison.Ordinal));
        if (header < 0) throw new FormatException($"docs/events.md: the section of {what} has no field table");
        var fields = new HashSet<string>(StringComparer.Ordinal);
        for (var i = header + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var firstColumn = lines[i].Split('|')[1];
            foreach (Match name in FieldName().Matches(firstColumn)) fields.Add(name.Groups[1].Value);
        }
        return fields;
    }

    private static List<string> BlocksAfter(string what, Func<string, bool> heading)
    {
        var section = Section(what, heading);
        var blocks = new List<string>();
        for (var i = 0; i < section.Length; i++)
        {
            if (!section[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var end = i + 1;
            while (end < section.Length && section[end] != "```") end++;
            if (section[i] == "```json") blocks.Add(string.Join('\n', section[(i + 1)..end]));
            i = end;
        }
        return blocks;
    }

    [GeneratedRegex("`([A-Za-z][A-Za-z0-9]*)`")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^(?:## (?<names>[A-Z][A-Za-z0-9]*(?: and [A-Z][A-Za-z0-9]*)*) \(schema \d+\)|### (?<names>[A-Z][A-Za-z0-9]*))$")]
    private static partial Regex EventHeading();

    [GeneratedRegex(@"^Consumed by: (?<services>[a-z][A-Za-z ]*(?:, [a-z][A-Za-z ]*)*)\.$")]
    private static partial Regex ConsumedBy();
}
