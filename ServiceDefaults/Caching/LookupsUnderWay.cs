using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Oversight.ServiceDefaults.Caching;

/// <summary>Reads a fresh answer from a cache; false when it holds none.</summary>
public delegate bool CachedAnswer<TResult>([MaybeNullWhen(false)] out TResult answer);

/// <summary>
/// One look-up per key at a time: a caller that misses the cache while another caller's look-up of the same key is
/// under way waits for that one instead of asking the source again, then reads what it left in the cache. After a
/// start (or a cache drop) under load, every call of the first second missed at once: at 50 submissions a second, dozens
/// of identical look-ups queued the first second's calls behind them (docs/performance.md, "Start-up and idle memory").
/// Only the waiting is shared, not the answer: a caller whose look-up failed (refused, cancelled, source down) hands
/// nothing to the others, who then ask for themselves.
/// </summary>
public sealed class LookupsUnderWay<TKey> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task> _running = new();

    /// <summary>How many keys have a look-up under way (for tests and diagnostics).</summary>
    public int Count => _running.Count;

    /// <summary>
    /// The cached answer for <paramref name="key"/>; on a miss, the answer of <paramref name="lookup"/> run as the one
    /// look-up of the key, or (one already under way) the cached answer it left once it ended, however it ended; a
    /// caller that finds nothing then runs <paramref name="lookup"/> for itself. <paramref name="lookup"/> keeps its
    /// answer in the cache itself.
    /// </summary>
    public async Task<TResult> GetAsync<TResult>(
        TKey key, CachedAnswer<TResult> cached, Func<Task<TResult>> lookup, CancellationToken cancellationToken)
    {
        if (cached(out var answer)) return answer;
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            await running.WaitAsync(cancellationToken);
            return cached(out answer) ? answer : await lookup();
        }
        try
        {
            // Another caller's look-up of this key may have ended between the first read and now: its answer is kept.
            return cached(out answer) ? answer : await lookup();
        }
        finally
        {
            Release(key, mine);
        }
    }

    /// <summary>
    /// Runs <paramref name="lookup"/> as the one look-up of <paramref name="key"/>, unless one is already under way: then
    /// returns false at once. For a refresh in the background, which nobody waits for, so a second one is pointless;
    /// callers that miss the cache meanwhile wait for it through <see cref="GetAsync{TResult}"/>.
    /// </summary>
    public async Task<bool> RunUnlessUnderWayAsync(TKey key, Func<Task> lookup)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_running.GetOrAdd(key, mine.Task) != mine.Task) return false;
        try
        {
            await lookup();
            return true;
        }
        finally
        {
            Release(key, mine);
        }
    }

    // The key's look-up ended, however: the next miss starts one, and those waiting read what it left.
    private void Release(TKey key, TaskCompletionSource mine)
    {
        _running.TryRemove(new KeyValuePair<TKey, Task>(key, mine.Task));
        mine.SetResult();
    }
}
