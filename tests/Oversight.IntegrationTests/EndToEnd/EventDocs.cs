using System.Text.Json;
using System.Text.RegularExpressions;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// docs/events.md as an integrator reads it: per event, the fields its table lists, plus the fields every event carries
/// and, for complaint events, <c>complaintId</c> and <c>state</c> (with the fields of the state's own table). A real
/// message is compared with it both ways, so a field added to an event without a line in the docs fails a test, and so
/// does a documented field that is no longer sent.
/// </summary>
internal static partial class EventDocs
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "docs", "events.md")));

    /// <summary>The fields of every event (the table after "Every event carries:").</summary>
    public static IReadOnlySet<string> Envelope => TableAfter(line => line.StartsWith("Every event carries", StringComparison.Ordinal));

    /// <summary>The fields of a complaint event's <c>state</c>.</summary>
    public static IReadOnlySet<string> State => TableAfter(IsStateHeading);

    /// <summary>The fields the event's own section lists ("## Name (schema N)", "## Name and Other (schema N)" or "### Name").</summary>
    public static IReadOnlySet<string> Fields(string eventType) => TableAfter(line => EventsOf(line).Contains(eventType));

    /// <summary>Every field a message of the event must carry: its own, the envelope's, and a complaint event's id and state.</summary>
    public static IReadOnlySet<string> Documented(string eventType, bool complaintEvent)
    {
        var documented = new HashSet<string>(Envelope.Concat(Fields(eventType)), StringComparer.Ordinal);
        if (complaintEvent) documented.UnionWith(["complaintId", "state"]);
        return documented;
    }

    /// <summary>The events with a section for integrators: every event heading before "## Private messages".</summary>
    public static IReadOnlySet<string> DocumentedEvents() =>
        Lines.Value.TakeWhile(line => !line.StartsWith("## Private messages", StringComparison.Ordinal)).SelectMany(EventsOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>The json code blocks of the event's section (up to the next heading).</summary>
    public static IReadOnlyList<string> Examples(string eventType) => BlocksAfter(line => EventsOf(line).Contains(eventType));

    /// <summary>The json code blocks of the state's section.</summary>
    public static IReadOnlyList<string> StateExamples() => BlocksAfter(IsStateHeading);

    /// <summary>
    /// Fails naming every field the message has and the docs lack, and every documented field the message lacks; and
    /// fails on an instant that is not UTC, which the docs promise for every instant.
    /// </summary>
    public static void AssertDocumented(string eventType, JsonElement message, bool complaintEvent)
    {
        AssertSame($"{eventType}", Documented(eventType, complaintEvent), Names(message));
        if (complaintEvent) AssertSame($"{eventType}.state", State, Names(message.GetProperty("state")));
        AssertInstantsInUtc(eventType, message);
    }

    private static void AssertSame(string what, IReadOnlySet<string> documented, IReadOnlySet<string> sent)
    {
        var undocumented = sent.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notSent = documented.Except(sent).Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0 && notSent.Count == 0,
            $"docs/events.md and a real {what} differ: sent but not documented [{string.Join(", ", undocumented)}], documented but not sent [{string.Join(", ", notSent)}]");
    }

    // Every string that is an ISO 8601 date and time, at any depth, must say +00:00 (as System.Text.Json writes UTC).
    private static void AssertInstantsInUtc(string what, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) AssertInstantsInUtc($"{what}.{property.Name}", property.Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) AssertInstantsInUtc(what, item);
                break;
            case JsonValueKind.String when Instant().Match(element.GetString()!) is { Success: true } instant:
                Assert.True(instant.Groups["offset"].Value == "+00:00", $"{what} is {element.GetString()}; docs/events.md promises UTC (+00:00)");
                break;
        }
    }

    private static HashSet<string> Names(JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);

    private static bool IsStateHeading(string line) => line.StartsWith("## The complaint's `state`", StringComparison.Ordinal);

    /// <summary>The events a heading is the section of: "## A (schema N)", "## A and B (schema N)" or "### A"; none for other headings.</summary>
    private static IEnumerable<string> EventsOf(string line) =>
        EventHeading().Match(line) is { Success: true } heading ? heading.Groups["names"].Value.Split(" and ") : [];

    /// <summary>The backticked names in the first column of the first "| field | meaning |" table after the heading.</summary>
    private static HashSet<string> TableAfter(Func<string, bool> heading)
    {
        var lines = Lines.Value;
        var start = Array.FindIndex(lines, line => heading(line));
        Assert.True(start >= 0, "docs/events.md has no such section");
        var header = Array.FindIndex(lines, start + 1, line => line.StartsWith("| field |", StringComparison.Ordinal));
        Assert.True(header > start, "docs/events.md: the section has no field table");
        var fields = new HashSet<string>(StringComparer.Ordinal);
        for (var i = header + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var firstColumn = lines[i].Split('|')[1];
            foreach (Match name in FieldName().Matches(firstColumn)) fields.Add(name.Groups[1].Value);
        }
        return fields;
    }

    private static List<string> BlocksAfter(Func<string, bool> heading)
    {
        var lines = Lines.Value;
        var start = Array.FindIndex(lines, line => heading(line));
        Assert.True(start >= 0, "docs/events.md has no such section");
        var blocks = new List<string>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var end = Array.IndexOf(lines, "```", i + 1);
            if (lines[i] == "```json") blocks.Add(string.Join('\n', lines[(i + 1)..end]));
            i = end;
        }
        return blocks;
    }

    [GeneratedRegex("`([A-Za-z][A-Za-z0-9]*)`")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^(?:## (?<names>[A-Z][A-Za-z0-9]*(?: and [A-Z][A-Za-z0-9]*)*) \(schema \d+\)|### (?<names>[A-Z][A-Za-z0-9]*))$")]
    private static partial Regex EventHeading();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?<offset>Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Instant();
}
