using System.Diagnostics;
using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// Times one small operation at a fixed interval while the load runs (a raw commit, a confirmed publish), so the
/// report can say how a dependency itself answered under that load. One at a time: it samples, it does not load.
/// </summary>
public sealed class PeriodicProbe : IAsyncDisposable
{
    private readonly List<double> _latencies = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _errors;

    public PeriodicProbe(Func<Task> operation, TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation();
                    lock (_latencies) _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _errors);
                }
                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>Stops sampling; the figures of the samples taken.</summary>
    public async Task<(LatencyFigures Figures, long Errors)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_latencies) return (Percentiles.Of(_latencies), Interlocked.Read(ref _errors));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
