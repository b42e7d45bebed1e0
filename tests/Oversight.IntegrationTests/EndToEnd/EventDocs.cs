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
    public static IReadOnlySet<string> State => TableAfter(line => line.StartsWith("## The complaint's `state`", StringComparison.Ordinal));

    /// <summary>The fields the event's own section lists ("## Name (schema N)" or "### Name").</summary>
    public static IReadOnlySet<string> Fields(string eventType) =>
        TableAfter(line => Regex.IsMatch(line, $@"^##+ {Regex.Escape(eventType)}( \(schema \d+\))?$"));

    /// <summary>Fails naming every field the message has and the docs lack, and every documented field the message lacks.</summary>
    public static void AssertDocumented(string eventType, JsonElement message, bool complaintEvent)
    {
        var documented = new HashSet<string>(Envelope.Concat(Fields(eventType)), StringComparer.Ordinal);
        if (complaintEvent) documented.UnionWith(["complaintId", "state"]);
        AssertSame($"{eventType}", documented, Names(message));
        if (complaintEvent) AssertSame($"{eventType}.state", State, Names(message.GetProperty("state")));
    }

    private static void AssertSame(string what, IReadOnlySet<string> documented, IReadOnlySet<string> sent)
    {
        var undocumented = sent.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notSent = documented.Except(sent).Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0 && notSent.Count == 0,
            $"docs/events.md and a real {what} differ: sent but not documented [{string.Join(", ", undocumented)}], documented but not sent [{string.Join(", ", notSent)}]");
    }

    private static HashSet<string> Names(JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);

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

    [GeneratedRegex("`([A-Za-z][A-Za-z0-9]*)`")]
    private static partial Regex FieldName();
}
