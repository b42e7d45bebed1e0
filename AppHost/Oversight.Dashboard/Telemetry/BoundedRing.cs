namespace Oversight.Dashboard.Telemetry;

/// <summary>
/// A fixed-capacity buffer: adding to a full ring drops the oldest item and hands it back. Not
/// thread-safe; the store guards it.
/// </summary>
internal sealed class BoundedRing<T>(int capacity) where T : class
{
    private readonly T?[] _items = new T?[Math.Max(1, capacity)];
    private int _start;

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    /// <summary>Adds <paramref name="item"/>; returns the item it pushed out, or null when there was room.</summary>
    public T? Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return null;
        }
        var evicted = _items[_start];
        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
        return evicted;
    }

    /// <summary>Oldest first.</summary>
    public IEnumerable<T> Items()
    {
        for (var i = 0; i < Count; i++) yield return _items[(_start + i) % _items.Length]!;
    }

    /// <summary>The newest item, or null when empty.</summary>
    public T? Last => Count == 0 ? null : _items[(_start + Count - 1) % _items.Length];
}
