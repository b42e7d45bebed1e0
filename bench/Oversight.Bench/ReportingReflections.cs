using System.Diagnostics;

namespace Oversight.Bench;

/// <summary>
/// When each published event showed in the summary, matched by count. Each benchmark event adds one to one counter
/// of one province (a new complaint adds to its total, a review start to its <c>under_review</c> count), so the
/// k-th event published for a counter (by confirm time) is taken as reflected when the summary first shows that
/// counter at k or more. The summary carries counts, not event ids: if two events of the same counter are applied in
/// the other order, their delays swap, so the percentiles still hold. Timestamps are Stopwatch ticks.
/// </summary>
public sealed class ReportingReflections
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<(long At, int Batch)>> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _reached = new(StringComparer.Ordinal);

    /// <summary>An event of <paramref name="batch"/> (one scenario of one round) for <paramref name="counter"/> was confirmed by the broker at <paramref name="timestamp"/>.</summary>
    public void Published(string counter, long timestamp, int batch)
    {
        lock (_gate)
        {
            if (!_published.TryGetValue(counter, out var list)) _published[counter] = list = [];
            list.Add((timestamp, batch));
        }
    }

    /// <summary>The summary read at <paramref name="timestamp"/> showed <paramref name="counter"/> at <paramref name="count"/>.</summary>
    public void Observed(string counter, long count, long timestamp)
    {
        lock (_gate)
        {
            if (!_reached.TryGetValue(counter, out var reached)) _reached[counter] = reached = [];
            // reached[k - 1] is when the counter first showed k; a count never goes down in this benchmark.
            while (reached.Count < count) reached.Add(timestamp);
        }
    }

    /// <summary>The delays (ms) of the batch's events reflected so far, how many are not yet, and the last reflection.</summary>
    public (List<double> DelaysMs, int Missing, long? LastReflected) Of(int batch)
    {
        lock (_gate)
        {
            var delays = new List<double>();
            var missing = 0;
            long? last = null;
            foreach (var (counter, published) in _published)
            {
                var reached = _reached.GetValueOrDefault(counter) ?? [];
                var inOrder = published.OrderBy(p => p.At).ToList();
                for (var k = 0; k < inOrder.Count; k++)
                {
                    if (inOrder[k].Batch != batch) continue;
                    if (k >= reached.Count)
                    {
                        missing++;
                        continue;
                    }
                    delays.Add(Stopwatch.GetElapsedTime(inOrder[k].At, reached[k]).TotalMilliseconds);
                    last = last is { } l ? Math.Max(l, reached[k]) : reached[k];
                }
            }
            return (delays, missing, last);
        }
    }
}
