using System.Collections.Concurrent;
using System.Diagnostics;

namespace Oversight.Bench;

/// <summary>
/// An open-loop load: calls are sent on a fixed schedule (<c>rate</c> per second) whether or not earlier ones have
/// returned, and each is timed from its scheduled send time. A slow service therefore shows as latency, not as fewer
/// calls (a closed loop such as <see cref="LoadRunner"/> would slow down with it and hide the stall).
/// </summary>
public static class OpenLoopRunner
{
    public static async Task<LatencySummary> RunAsync(string scenario, Func<int, Task> operation, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new ConcurrentQueue<double>();
        long errors = 0;
        var calls = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var call = n;
            calls.Add(Task.Run(async () =>
            {
                try
                {
                    await operation(call);
                    latencies.Enqueue((clock.Elapsed - due).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }
        await Task.WhenAll(calls);
        return LatencySummary.From(scenario, latencies, errors, clock.Elapsed);
    }
}
