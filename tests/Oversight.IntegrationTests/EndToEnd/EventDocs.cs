using System.Text.Json;
using System.Text.RegularExpressions;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// A real message against docs/events.md (<see cref="EventsPage"/>): per event, the fields its table lists, plus the
/// fields every event carries and, for complaint events, <c>complaintId</c> and <c>state</c> (with the fields of the
/// state's own table). Compared both ways, so a field added to an event without a line in the docs fails a test, and
/// so does a documented field that is no longer sent.
/// </summary>
internal static partial class EventDocs
{
    /// <summary>Every field a message of the event must carry: its own, the envelope's, and a complaint event's id and state.</summary>
    public static IReadOnlySet<string> Documented(string eventType, bool complaintEvent)
    {
        var documented = new HashSet<string>(EventsPage.Envelope.Concat(EventsPage.Fields(eventType)), StringComparer.Ordinal);
        if (complaintEvent) documented.UnionWith(["complaintId", "state"]);
        return documented;
    }

    /// <summary>
    /// Fails naming every field the message has and the docs lack, and every documented field the message lacks; and
    /// fails on an instant that is not UTC, which the docs promise for every instant.
    /// </summary>
    public static void AssertDocumented(string eventType, JsonElement message, bool complaintEvent)
    {
        AssertSame($"{eventType}", Documented(eventType, complaintEvent), Names(message));
        if (complaintEvent) AssertSame($"{eventType}.state", EventsPage.State, Names(message.GetProperty("state")));
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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?<offset>Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Instant();
}
