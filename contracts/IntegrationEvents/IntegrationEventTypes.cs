namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// The stable names of the integration events, used where an event is stored as text
/// (an outbox) and must be turned back into its type.
/// </summary>
public static class IntegrationEventTypes
{
    private static readonly Dictionary<string, Type> ByName = new()
    {
        [nameof(ComplaintSubmitted)] = typeof(ComplaintSubmitted),
        [nameof(ComplaintRegistered)] = typeof(ComplaintRegistered),
        [nameof(ComplaintRejected)] = typeof(ComplaintRejected),
        [nameof(ReviewExtended)] = typeof(ReviewExtended),
        [nameof(ComplaintDecided)] = typeof(ComplaintDecided),
        [nameof(RecommendationIssued)] = typeof(RecommendationIssued),
        [nameof(SanctionImposed)] = typeof(SanctionImposed),
        [nameof(ComplaintEscalated)] = typeof(ComplaintEscalated),
        [nameof(ComplaintClosed)] = typeof(ComplaintClosed),
        [nameof(ComplaintStatusChanged)] = typeof(ComplaintStatusChanged),
        [nameof(RegionDirectoryChanged)] = typeof(RegionDirectoryChanged),
        [nameof(DeadlineApproaching)] = typeof(DeadlineApproaching),
        [nameof(DeadlineMissed)] = typeof(DeadlineMissed),
    };

    /// <summary>The stable name of an event type.</summary>
    public static string NameOf(Type type) =>
        ByName.ContainsValue(type) ? type.Name : throw new ArgumentException($"{type} is not a known integration event.");

    /// <summary>The type registered under a stable name.</summary>
    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new ArgumentException($"Unknown integration event '{name}'.");
}
