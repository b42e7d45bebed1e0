using System.Diagnostics;

namespace Oversight.Bench;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each call the operation again as soon as the last
/// call returned, for a fixed time. Each call is timed; a failed call counts as an error, not a latency.
/// </summary>
public static class LoadRunner
{
    public static async Task<LatencySummary> RunAsync(string scenario, Func<int, Task> operation, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(capacity: 100_000);
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(random.Next());
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return LatencySummary.From(scenario, latencies.SelectMany(l => l).ToList(), errors, clock.Elapsed);
    }
}
