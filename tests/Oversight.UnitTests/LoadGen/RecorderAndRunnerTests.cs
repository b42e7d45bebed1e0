using Grpc.Core;
using Oversight.LoadGen.Engine;

namespace Oversight.UnitTests.LoadGen;

public sealed class RecorderAndRunnerTests
{
    [Fact]
    public void Failures_are_counted_by_grpc_status_with_their_first_detail_and_kept_out_of_the_latencies()
    {
        var recorder = new LatencyRecorder();
        recorder.Succeeded("Submit", 10);
        recorder.Succeeded("Submit", 30);
        recorder.Failed("Submit", new RpcException(new Status(StatusCode.Unavailable, "The region directory is unavailable.")));
        recorder.Failed("Submit", new RpcException(new Status(StatusCode.Unavailable, "The complaints database is unavailable.")));
        recorder.Failed("Submit", new UnexpectedAnswerException("status received"));
        recorder.Succeeded("List", 5);

        var submit = recorder.Summaries(TimeSpan.FromSeconds(2)).Single(s => s.Operation == "Submit");
        Assert.Equal((2L, 3L, 1.0, 30.0), (submit.Ok, submit.Errors, submit.OkPerSecond, submit.Latency.P99Ms));
        Assert.Equal(new Dictionary<string, long> { ["OK, but status received"] = 1, ["Unavailable"] = 2 }, submit.ErrorsByStatus);
        // The first detail of each status says which dependency failed.
        Assert.Equal("The region directory is unavailable.", submit.ErrorExamples["Unavailable"]);
        var total = recorder.Total(TimeSpan.FromSeconds(2));
        Assert.Equal((3L, 3L), (total.Ok, total.Errors));
    }

    [Fact]
    public async Task An_open_loop_sends_every_scheduled_arrival_and_counts_those_beyond_the_in_flight_cap_as_not_sent()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new LatencyRecorder();
        // Hold the two calls in flight until the eight others have been refused, so the outcome does not depend on timing.
        var release = Task.Run(async () =>
        {
            while (recorder.Total(TimeSpan.FromSeconds(1)).Errors < 8) await Task.Delay(5);
            gate.SetResult();
        });

        var result = await ScenarioRunner.RunAsync(new LoadShape.Open(100, MaxInFlight: 2), TimeSpan.FromSeconds(0.1),
            _ => new PlannedCall("op", () => gate.Task), recorder);
        await release;

        Assert.Equal(10, result.Sent);
        Assert.Equal(2, result.Total.Ok);
        Assert.Equal(new Dictionary<string, long> { [ScenarioRunner.NotSent] = 8 }, result.Total.ErrorsByStatus);
    }

    [Fact]
    public async Task An_open_loop_times_a_call_from_its_scheduled_arrival_not_from_when_it_went_out()
    {
        // Arrival 0 blocks the pacing thread for 300 ms (a stalled load generator): arrival 1, due at 10 ms, goes out late
        // and must show that lateness in its latency instead of hiding it.
        var result = await ScenarioRunner.RunAsync(new LoadShape.Open(100, 10), TimeSpan.FromMilliseconds(20), n =>
        {
            if (n == 0) Thread.Sleep(300);
            return new PlannedCall(n == 0 ? "first" : "second", () => Task.CompletedTask);
        }, new LatencyRecorder());

        var second = result.Operations.Single(o => o.Operation == "second");
        Assert.True(second.Latency.P50Ms >= 250, $"the late arrival's latency was {second.Latency.P50Ms} ms");
    }

    [Fact]
    public async Task A_closed_loop_never_has_more_calls_outstanding_than_callers_and_records_every_call()
    {
        long calls = 0, outstanding = 0, most = 0;
        var result = await ScenarioRunner.RunAsync(new LoadShape.Closed(3), TimeSpan.FromMilliseconds(200), _ => new PlannedCall("op", async () =>
        {
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref outstanding);
            lock (this) most = Math.Max(most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref outstanding);
        }), new LatencyRecorder());

        Assert.InRange(most, 0, 3);
        Assert.Equal(calls, result.Total.Ok);
        Assert.Equal(calls, result.Sent);
    }
}
