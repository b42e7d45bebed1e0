using System.Collections.Concurrent;

namespace Oversight.ServiceDefaults.Caching;

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
    /// Runs <paramref name="lookup"/> as the look-up of <paramref name="key"/>, unless one is already under way: then
    /// waits until it ends, however it ends, and returns <c>Ran: false</c> (the caller reads the cache again).
    /// </summary>
    public async Task<(bool Ran, TResult? Result)> RunOrWaitAsync<TResult>(
        TKey key, Func<Task<TResult>> lookup, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            await running.WaitAsync(cancellationToken);
            return (false, default);
        }
        try
        {
            return (true, await lookup());
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<TKey, Task>(key, mine.Task));
            mine.SetResult();
        }
    }
}
