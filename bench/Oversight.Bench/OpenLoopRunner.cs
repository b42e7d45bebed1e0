using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace Oversight.Bench;

/// <summary>
/// An open-loop load: calls are sent on a fixed schedule (<c>rate</c> per second) whether or not earlier ones have
/// returned, and each is timed from its scheduled send time. A slow service therefore shows as latency, not as fewer
/// calls (a closed loop such as <see cref="LoadRunner"/> would slow down with it and hide the stall).
/// </summary>
public static class OpenLoopRunner
{
    /// <summary>The run's summary, and its failed calls by reason (a gRPC status, or an exception's type).</summary>
    public sealed record Result(LatencySummary Summary, IReadOnlyDictionary<string, int> Errors, IReadOnlyList<(double DueSeconds, double LatencyMs)> Calls)
    {
        public string ErrorReasons => string.Join(", ", Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"));

        /// <summary>
        /// Where the slowest 1 % of the OK calls were due, by whole second of the run ("0 s: 25, 1 s: 5"): a warm-up
        /// shows as its first seconds, a collection or a stall as a second somewhere in the middle.
        /// </summary>
        public string SlowestSeconds()
        {
            var slowest = Calls.OrderByDescending(c => c.LatencyMs).Take(Math.Max(1, Calls.Count / 100));
            return string.Join(", ", slowest.GroupBy(c => (int)c.DueSeconds).OrderBy(g => g.Key).Select(g => $"{g.Key} s: {g.Count()}"));
        }
    }

    public static async Task<Result> RunAsync(string scenario, Func<int, Task> operation, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var calls = new ConcurrentQueue<(double DueSeconds, double LatencyMs)>();
        var errors = new ConcurrentDictionary<string, int>();
        var sent = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var call = n;
            sent.Add(Task.Run(async () =>
            {
                try
                {
                    await operation(call);
                    calls.Enqueue((due.TotalSeconds, (clock.Elapsed - due).TotalMilliseconds));
                }
                catch (Exception ex)
                {
                    errors.AddOrUpdate(ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name, 1, (_, count) => count + 1);
                }
            }));
        }
        await Task.WhenAll(sent);
        var ok = calls.ToArray();
        return new Result(LatencySummary.From(scenario, ok.Select(c => c.LatencyMs).ToArray(), errors.Values.Sum(), clock.Elapsed), errors, ok);
    }
}
