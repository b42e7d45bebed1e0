using System.Reflection;
using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;

namespace Oversight.UnitTests.Contracts;

/// <summary>
/// The "Consumed by:" lines of docs/events.md against the services' MassTransit consumers, both ways: an event the
/// docs say a service consumes but no consumer of that service implements fails, and so does a consumer of an event
/// the docs do not list for the service. A new event is consumed nowhere until someone writes the consumer, so the
/// docs must say so too (every event has its line, "no Oversight service" included).
/// </summary>
public sealed class ConsumptionMapTests
{
    // The services by the names the docs use, and their assemblies (a service is one project).
    private static readonly Dictionary<string, string> Services = new(StringComparer.Ordinal)
    {
        ["complaints"] = "Oversight.Complaints",
        ["notifications"] = "Oversight.Notifications",
        ["reporting"] = "Oversight.Reporting",
        ["region directory"] = "Oversight.RegionDirectory",
    };

    [Fact]
    public void Every_event_of_the_contracts_says_who_consumes_it_and_names_only_known_services()
    {
        var unknown = IntegrationEventTypes.All
            .SelectMany(type => EventsPage.ConsumersOf(type.Name).Where(service => !Services.ContainsKey(service)).Select(service => $"{type.Name}: {service}"))
            .ToList();
        Assert.True(unknown.Count == 0, "docs/events.md names services that do not exist: " + string.Join("; ", unknown));
    }

    [Fact]
    public void The_services_consume_exactly_the_events_the_docs_say()
    {
        var documented = Documented();
        var differences = Services.Keys.SelectMany(service => Differences(service, documented[service], Consumed(Services[service]))).ToList();
        Assert.True(differences.Count == 0, "docs/events.md and the consumers differ:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void A_missing_consumer_and_an_undocumented_one_both_fail()
    {
        var differences = Differences("reporting", documented: new HashSet<string> { "ComplaintSubmitted", "DeadlineMissed" }, consumed: new HashSet<string> { "ComplaintSubmitted", "ComplaintClosed" });
        Assert.Equal(
            ["reporting consumes ComplaintClosed, which the docs do not list for it", "the docs say reporting consumes DeadlineMissed, but no consumer of it implements IConsumer<DeadlineMissed>"],
            differences);
    }

    // Per service, the events the docs list it under.
    private static Dictionary<string, HashSet<string>> Documented()
    {
        var documented = Services.Keys.ToDictionary(service => service, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var type in IntegrationEventTypes.All)
        {
            foreach (var service in EventsPage.ConsumersOf(type.Name).Where(Services.ContainsKey)) documented[service].Add(type.Name);
        }
        return documented;
    }

    // The events the assembly's IConsumer<T> implementations take, a consumer of a base record taking all its events.
    private static HashSet<string> Consumed(string assembly) =>
        Assembly.Load(assembly).GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(contract => contract.GetGenericArguments()[0])
            .SelectMany(message => IntegrationEventTypes.All.Where(type => type.IsAssignableTo(message)))
            .Select(type => type.Name)
            .ToHashSet(StringComparer.Ordinal);

    private static List<string> Differences(string service, IReadOnlySet<string> documented, IReadOnlySet<string> consumed) =>
    [
        .. consumed.Except(documented).Order(StringComparer.Ordinal).Select(name => $"{service} consumes {name}, which the docs do not list for it"),
        .. documented.Except(consumed).Order(StringComparer.Ordinal).Select(name => $"the docs say {service} consumes {name}, but no consumer of it implements IConsumer<{name}>"),
    ];
}
