using System.Diagnostics;
using Grpc.Core;
using Oversight.Contracts.Reporting;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.Bench;

/// <summary>
/// The national summary as a client of the service sees it: one WatchSummary stream, which yields the summary
/// again each time the read model changed (bursts coalesce). Every yield records, per province row, the counters
/// the workload moves and when they were seen.
/// </summary>
public sealed class ReportingSummaryWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private long _updates;
    private long _nationalTotal;

    public ReportingSummaryWatch(ReportingClient client, ReportingReflections reflections)
    {
        var call = client.WatchSummary(new GetSummaryRequest { RegionCode = "" }, cancellationToken: _stop.Token);
        _reading = ReadAsync(call, reflections);
    }

    /// <summary>Summaries received so far (the first one answers at once: the stream is open).</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Why the stream ended early, if it did.</summary>
    public string? Failure { get; private set; }

    public bool Failed => Failure is not null;

    public long NationalTotal => Interlocked.Read(ref _nationalTotal);

    private async Task ReadAsync(AsyncServerStreamingCall<RegionSummary> call, ReportingReflections reflections)
    {
        using (call)
        {
            try
            {
                await foreach (var summary in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    var seen = Stopwatch.GetTimestamp();
                    foreach (var province in summary.Children)
                    {
                        reflections.Observed($"{province.RegionCode}|total", province.Total, seen);
                        reflections.Observed($"{province.RegionCode}|{ReportingWorkload.UnderReview}", province.ByStatus.GetValueOrDefault(ReportingWorkload.UnderReview), seen);
                    }
                    Interlocked.Exchange(ref _nationalTotal, summary.Totals.Total);
                    Interlocked.Increment(ref _updates);
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && _stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                // Kept for the benchmark to report: waiting on a dead stream would only time out.
                Failure = $"{ex.GetType().Name}: {ex.Message}";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
