using System.Collections.Concurrent;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// When each complaint the load generator submitted was committed: the moment its OK answer arrived (the service
/// answers after its transaction commits). The end-to-end delays are measured from here.
/// </summary>
public sealed class CommitLog
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _committed = new();

    public void Committed(string complaintId) => _committed.TryAdd(complaintId, DateTimeOffset.UtcNow);

    public int Count => _committed.Count;

    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot() => new Dictionary<string, DateTimeOffset>(_committed);
}
