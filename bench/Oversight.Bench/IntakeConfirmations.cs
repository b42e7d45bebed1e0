using System.Collections.Concurrent;

namespace Oversight.Bench;

/// <summary>
/// When each complaint's ComplaintSubmitted event first reached the benchmark's queue (Stopwatch timestamps).
/// RabbitMQ routes a message to the queue before it confirms the publish, and the relay marks the outbox row
/// only after that confirm, so the arrival is when the event is known to be safe at the broker.
/// The relay may deliver twice (consumers de-duplicate by event id); the first arrival counts.
/// </summary>
public sealed class IntakeConfirmations
{
    private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);

    public int Count => _firstArrival.Count;

    public void Record(string complaintId, long timestamp) => _firstArrival.TryAdd(complaintId, timestamp);

    /// <summary>How many of the complaints have no event yet, and the latest arrival among those that have.</summary>
    public (int Missing, long? LastArrival) Of(IEnumerable<string> complaintIds)
    {
        var missing = 0;
        long? last = null;
        foreach (var id in complaintIds)
        {
            if (_firstArrival.TryGetValue(id, out var at)) last = last is { } l ? Math.Max(l, at) : at;
            else missing++;
        }
        return (missing, last);
    }
}
