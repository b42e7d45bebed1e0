namespace Oversight.Contracts.PrivateMessages;

/// <summary>
/// The stable names of the private messages (service to service, never offered to integrators), used where one is
/// stored as text in an outbox and turned back into its type. Kept apart from
/// <see cref="IntegrationEvents.IntegrationEventTypes"/>, whose names are what webhook subscriptions may ask for.
/// </summary>
public static class PrivateMessageTypes
{
    private static readonly Dictionary<string, Type> ByName = new()
    {
        [nameof(ReporterStatusNotice)] = typeof(ReporterStatusNotice),
        [nameof(DirectorySnapshot)] = typeof(DirectorySnapshot),
    };

    /// <summary>Whether <paramref name="name"/> is a private message's stable name.</summary>
    public static bool IsPrivate(string name) => ByName.ContainsKey(name);

    /// <summary>The stable name of a private message type.</summary>
    public static string NameOf(Type type) =>
        ByName.ContainsValue(type) ? type.Name : throw new ArgumentException($"{type} is not a known private message.");

    /// <summary>The type registered under a stable name.</summary>
    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new ArgumentException($"Unknown private message '{name}'.");
}
