using System.Collections.Concurrent;

namespace Oversight.Bench;

/// <summary>
/// Per complaint: when its event started on the way (the submit call's OK answer, i.e. the commit; or the broker's
/// confirm of a published event) and when its webhook first arrived at the receiver. The service may deliver an event
/// twice (a retry after a lost answer); the first arrival counts, the others are counted as duplicates.
/// </summary>
public sealed class NotificationsArrivals
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _arrived = new(StringComparer.Ordinal);
    private int _duplicates;

    public int Duplicates => Volatile.Read(ref _duplicates);

    public void Started(string complaintId, DateTimeOffset at) => _started[complaintId] = at;

    public void Arrived(string complaintId, DateTimeOffset at)
    {
        if (!_arrived.TryAdd(complaintId, at)) Interlocked.Increment(ref _duplicates);
    }

    /// <summary>The delays (ms) of those complaints whose webhook arrived, how many have none yet, and the last arrival.</summary>
    public (List<double> DelaysMs, int Missing, DateTimeOffset? LastArrival) Of(IEnumerable<string> complaintIds)
    {
        var delays = new List<double>();
        var missing = 0;
        DateTimeOffset? last = null;
        foreach (var id in complaintIds)
        {
            if (_started.TryGetValue(id, out var started) && _arrived.TryGetValue(id, out var arrived))
            {
                delays.Add((arrived - started).TotalMilliseconds);
                if (last is null || arrived > last) last = arrived;
            }
            else
            {
                missing++;
            }
        }
        return (delays, missing, last);
    }
}
