using System.Diagnostics;

namespace Oversight.LoadGen.Engine;

/// <summary>One call a scenario wants made: the operation's name (for the report) and the call itself.</summary>
public readonly record struct PlannedCall(string Operation, Func<Task> Call);

/// <summary>
/// Offers a scenario's calls in a closed or open loop for a fixed time and records each call's latency and outcome.
/// The scenario decides what each call is (<c>next(sequenceNumber)</c>); the runner only paces and times.
/// </summary>
public static class ScenarioRunner
{
    public const string NotSent = "NotSent (overloaded)";

    public static async Task<RunResult> RunAsync(LoadShape shape, TimeSpan duration, Func<long, PlannedCall> next, LatencyRecorder recorder)
    {
        var clock = Stopwatch.StartNew();
        var sent = shape switch
        {
            LoadShape.Closed closed => await ClosedAsync(closed, duration, next, recorder, clock),
            LoadShape.Open open => await OpenAsync(open, duration, next, recorder, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var elapsed = clock.Elapsed;
        return new RunResult(shape.ToString(), elapsed, sent, recorder.Summaries(elapsed), recorder.Total(elapsed));
    }

    private static async Task<long> ClosedAsync(LoadShape.Closed shape, TimeSpan duration, Func<long, PlannedCall> next, LatencyRecorder recorder, Stopwatch clock)
    {
        long sequence = -1;
        var workers = Enumerable.Range(0, shape.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var call = next(Interlocked.Increment(ref sequence));
                await TimeAsync(call, Stopwatch.GetTimestamp(), recorder);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return sequence + 1;
    }

    private static async Task<long> OpenAsync(LoadShape.Open shape, TimeSpan duration, Func<long, PlannedCall> next, LatencyRecorder recorder, Stopwatch clock)
    {
        var schedule = new ArrivalSchedule(shape.RatePerSecond);
        var total = schedule.CountWithin(duration);
        var start = Stopwatch.GetTimestamp();
        var inFlight = 0;
        var calls = new List<Task>();
        for (long index = 0; index < total;)
        {
            var due = Math.Min(total, schedule.DueBy(clock.Elapsed));
            for (; index < due; index++)
            {
                var call = next(index);
                if (Volatile.Read(ref inFlight) >= shape.MaxInFlight)
                {
                    recorder.Failed(call.Operation, NotSent);
                    continue;
                }
                var scheduled = start + (long)(schedule.DueAt(index).TotalSeconds * Stopwatch.Frequency);
                Interlocked.Increment(ref inFlight);
                calls.Add(Task.Run(async () =>
                {
                    try
                    {
                        await TimeAsync(call, scheduled, recorder);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }));
            }
            // Timer resolution is about a millisecond: arrivals that fell due meanwhile go out together on the next turn,
            // still timed from their own due time.
            if (index < total) await Task.Delay(1);
        }
        await Task.WhenAll(calls);
        return total;
    }

    private static async Task TimeAsync(PlannedCall call, long startedAt, LatencyRecorder recorder)
    {
        try
        {
            await call.Call();
            recorder.Succeeded(call.Operation, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            recorder.Failed(call.Operation, ex);
        }
    }
}

/// <summary>What a run offered and what came back.</summary>
public sealed record RunResult(string Shape, TimeSpan Elapsed, long Sent, IReadOnlyList<OperationSummary> Operations, OperationSummary Total);
