using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.LoadGen.Engine;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// Delay (a): from a complaint's commit to its count in reporting. Watches the national summary with WatchSummary
/// (the stream the situation room uses: it pushes the summary again whenever a change is applied), so the time
/// seen is when a watcher would have learnt it, without polling's sampling error; see <see cref="RankDelays"/>.
/// </summary>
public sealed class ReportingDelayProbe : IAsyncDisposable
{
    private readonly List<(DateTimeOffset At, long Total)> _observations = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<long> _baseline = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _watch = Task.CompletedTask;

    public static async Task<ReportingDelayProbe> StartAsync(ReportingClient reporting, Metadata headers)
    {
        var probe = new ReportingDelayProbe();
        probe._watch = probe.WatchAsync(reporting, headers);
        // The first message is the summary now: it is the baseline that the run's complaints add to.
        await probe._baseline.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return probe;
    }

    private async Task WatchAsync(ReportingClient reporting, Metadata headers)
    {
        try
        {
            using var call = reporting.WatchSummary(new GetSummaryRequest { RegionCode = "" }, headers, cancellationToken: _stop.Token);
            await foreach (var summary in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                var total = summary.Totals?.Total ?? 0;
                lock (_observations) _observations.Add((DateTimeOffset.UtcNow, total));
                _baseline.TrySetResult(total);
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
        }
        catch (Exception ex)
        {
            _baseline.TrySetException(ex);
            throw;
        }
    }

    /// <summary>The latest national total seen.</summary>
    public long LatestTotal
    {
        get
        {
            lock (_observations) return _observations.Count == 0 ? 0 : _observations[^1].Total;
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="within"/>) until the count includes every commit since <paramref name="baseline"/>,
    /// then the delays of those commits.
    /// </summary>
    public async Task<DelayFigures> MeasureAsync(IReadOnlyCollection<DateTimeOffset> commits, long baseline, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (LatestTotal < baseline + commits.Count && DateTimeOffset.UtcNow < until && !_watch.IsCompleted) await Task.Delay(50);
        List<(DateTimeOffset, long)> seen;
        lock (_observations) seen = [.. _observations];
        var delays = RankDelays.Compute(commits, seen, baseline);
        var note = _watch.IsFaulted ? $"the watch stream failed: {LatencyRecorder.StatusOf(_watch.Exception!.InnerException!)}" : null;
        return new DelayFigures(commits.Count, delays.Count, Percentiles.Of(delays), note);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (Exception)
        {
            // Already reported by MeasureAsync.
        }
        _stop.Dispose();
    }
}
