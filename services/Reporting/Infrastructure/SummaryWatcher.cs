using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Reporting;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>
/// A region's summary now and whenever it changes. Every applied change is published on a Redis channel;
/// a watcher reads the summary again on each (bursts coalesce) and at a slow interval (overdue counts move
/// with the clock alone), and yields it only when it differs from the last one yielded. Reads are at least
/// <see cref="ReportingOptions.WatchCoalesce"/> apart: under a stream of events a watcher would otherwise read the
/// whole summary again after every one of them, back to back (issue 19: the national summary is 39 rows).
/// </summary>
public sealed class SummaryWatcher(IConnectionMultiplexer redis, ReportReader reports, ProjectionStore projection,
    IOptions<ReportingOptions> options, ILogger<SummaryWatcher> logger)
{
    public async IAsyncEnumerable<RegionSummary> WatchAsync(string region, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var subscriber = redis.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(projection.ChangesChannel);
        queue.OnMessage(_ => signals.Writer.TryWrite(true));
        try
        {
            RegionSummary? last = null;
            while (!cancellation.IsCancellationRequested)
            {
                var read = Stopwatch.GetTimestamp();
                var summary = await reports.SummaryAsync(region);
                if (!summary.Equals(last))
                {
                    last = summary;
                    yield return summary;
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(options.Value.WatchRefresh);
                try
                {
                    await signals.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // The refresh interval passed without a change: look again anyway.
                }
                // Changes that arrive during this pause are all in the next read.
                var pause = options.Value.WatchCoalesce - Stopwatch.GetElapsedTime(read);
                if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellation);
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
            logger.LogDebug("Summary watch of region {RegionCode} ended", region);
        }
    }
}
