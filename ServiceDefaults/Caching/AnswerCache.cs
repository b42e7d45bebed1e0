using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Oversight.ServiceDefaults.Caching;

/// <summary>
/// A bounded map of answers stamped with when they were received; the reader says how old an answer it accepts
/// (fresh for normal use, much older while the source is down). Pure policy, no I/O: unit-tested with a fake clock.
/// Used for the region directory's answers by complaints (routing) and notifications (recipients).
/// </summary>
public sealed class AnswerCache<TKey, TValue>(int capacity, TimeProvider time) where TKey : notnull
{
    private sealed record Stamped(TValue Value, DateTimeOffset ReceivedAt);

    private readonly ConcurrentDictionary<TKey, Stamped> _entries = new();
    private readonly Lock _evicting = new();

    public int Count => _entries.Count;

    /// <summary>The answer for <paramref name="key"/> if it is younger than <paramref name="maxAge"/>, and its age.</summary>
    public bool TryGet(TKey key, TimeSpan maxAge, [MaybeNullWhen(false)] out TValue value, out TimeSpan age)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            age = time.GetUtcNow() - entry.ReceivedAt;
            if (age < maxAge)
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        age = default;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> as received now; a new key in a full cache evicts the oldest answer.</summary>
    public void Put(TKey key, TValue value) => Store(key, value, time.GetUtcNow());

    /// <summary>
    /// Keeps <paramref name="value"/> as received at <paramref name="receivedAt"/> (an answer another instance kept),
    /// unless this cache holds one received later.
    /// </summary>
    public void Adopt(TKey key, TValue value, DateTimeOffset receivedAt)
    {
        if (_entries.TryGetValue(key, out var held) && held.ReceivedAt >= receivedAt) return;
        Store(key, value, receivedAt);
    }

    // A new key in a full cache evicts the oldest answer.
    private void Store(TKey key, TValue value, DateTimeOffset receivedAt)
    {
        if (capacity <= 0)
        {
            return;
        }
        if (!_entries.ContainsKey(key) && _entries.Count >= capacity)
        {
            EvictOldest();
        }
        _entries[key] = new Stamped(value, receivedAt);
    }

    public void Clear() => _entries.Clear();

    // A linear scan, only when full: with ~550 regions the cache is rarely full, and 10 000 entries scan in microseconds.
    private void EvictOldest()
    {
        lock (_evicting)
        {
            while (_entries.Count >= capacity && !_entries.IsEmpty)
            {
                var oldest = _entries.MinBy(e => e.Value.ReceivedAt);
                _entries.TryRemove(oldest.Key, out _);
            }
        }
    }
}
