namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// The integration events, found rather than listed: every public concrete record of this assembly that derives from
/// <see cref="IntegrationEvent"/>, so a new event is known (to the outbox, to webhook subscriptions) the moment it
/// compiles. Private messages (<see cref="PrivateMessages.ReporterStatusNotice"/>) derive from no event type and are
/// never among them.
/// </summary>
public static class IntegrationEventTypes
{
    /// <summary>
    /// The start of every integration event's RabbitMQ exchange: MassTransit names a fanout exchange after the message
    /// type's namespace and name, which is what integrators bind to (docs/events.md, "Connecting").
    /// </summary>
    public const string ExchangePrefix = "Oversight.Contracts.IntegrationEvents:";

    private static readonly Dictionary<string, Type> ByName = typeof(IntegrationEvent).Assembly.GetExportedTypes()
        .Where(type => type.IsSubclassOf(typeof(IntegrationEvent)) && !type.IsAbstract)
        .ToDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>Every integration event type, by name.</summary>
    public static IReadOnlyCollection<Type> All => ByName.Values;

    /// <summary>The stable name of an event type.</summary>
    public static string NameOf(Type type) =>
        ByName.ContainsValue(type) ? type.Name : throw new ArgumentException($"{type} is not a known integration event.");

    /// <summary>The type registered under a stable name.</summary>
    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new ArgumentException($"Unknown integration event '{name}'.");

    /// <summary>
    /// The RabbitMQ exchange (fanout) of an event type, e.g. <c>Oversight.Contracts.IntegrationEvents:ComplaintSubmitted</c>;
    /// also of the abstract bases (<see cref="ComplaintChange"/>), whose exchanges MassTransit binds the events' to.
    /// </summary>
    public static string ExchangeOf(Type type) =>
        type.IsAssignableTo(typeof(IntegrationEvent)) ? ExchangePrefix + type.Name : throw new ArgumentException($"{type} is not an integration event.");

    /// <inheritdoc cref="ExchangeOf(Type)"/>
    public static string ExchangeOf<TEvent>() where TEvent : IntegrationEvent => ExchangeOf(typeof(TEvent));
}
