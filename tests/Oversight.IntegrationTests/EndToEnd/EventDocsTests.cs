using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// docs/events.md against the contracts, no system needed: one section per public integration event (a new event
/// without a section fails, and so does a section left behind by a removed event), and examples that show the documented
/// fields. Real messages are compared with the tables by the tests that produce them (<see cref="EventDocs.AssertDocumented"/>).
/// </summary>
public sealed class EventDocsTests
{
    // Private messages (ReporterStatusNotice) are not among the events; their section comes after "## Private
    // messages", which the page's list of events stops at.
    private static readonly IReadOnlyCollection<Type> EventTypes = IntegrationEventTypes.All;

    [Fact]
    public void Every_integration_event_of_the_contracts_has_a_section_and_every_section_an_event()
    {
        Assert.Equal(EventTypes.Select(type => type.Name).Order(StringComparer.Ordinal), EventsPage.DocumentedEvents().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_event_has_an_example_with_the_documented_fields()
    {
        var differences = new List<string>();
        foreach (var type in EventTypes)
        {
            var complaintEvent = type.IsSubclassOf(typeof(ComplaintChange));
            var examples = EventsPage.Examples(type.Name);
            if (examples.Count == 0) differences.Add($"{type.Name} has no json example");
            foreach (var example in examples)
            {
                using var json = JsonDocument.Parse(example);
                differences.AddRange(Differences(type.Name, EventDocs.Documented(type.Name, complaintEvent), json.RootElement));
                if (complaintEvent && json.RootElement.TryGetProperty("state", out var shownState))
                {
                    differences.AddRange(Differences($"{type.Name}.state", EventsPage.State, shownState));
                }
            }
        }
        // The state's example is the "state" member alone.
        using var state = JsonDocument.Parse("{" + Assert.Single(EventsPage.StateExamples()) + "}");
        differences.AddRange(Differences("state", EventsPage.State, state.RootElement.GetProperty("state")));
        Assert.True(differences.Count == 0, "docs/events.md:\n" + string.Join('\n', differences));
    }

    // Exactly the documented fields, or some of them and "...": "..." standing for the rest.
    private static IEnumerable<string> Differences(string what, IReadOnlySet<string> documented, JsonElement example)
    {
        var shown = example.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        var elided = shown.Remove("...");
        var unknown = shown.Except(documented).Order(StringComparer.Ordinal).ToList();
        var missing = elided ? [] : documented.Except(shown).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            yield return $"the example of {what} shows undocumented [{string.Join(", ", unknown)}] and lacks [{string.Join(", ", missing)}]";
        }
    }
}
