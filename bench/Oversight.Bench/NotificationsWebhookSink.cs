using System.Text.Json;
using Oversight.Harness;

namespace Oversight.Bench;

/// <summary>
/// The test library's loopback webhook receiver, read as it fills: every call answered 200 on the benchmark's path
/// is an arrival of the complaint its body names (<c>data.complaintId</c>), at the time the receiver took it in.
/// </summary>
public sealed class NotificationsWebhookSink : IAsyncDisposable
{
    public const string Path = "/bench/webhooks";

    private readonly WebhookTestReceiver _receiver = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _draining;

    public NotificationsWebhookSink(NotificationsArrivals arrivals)
    {
        Url = _receiver.Answer(Path, _ => 200);
        _draining = DrainAsync(arrivals);
    }

    public string Url { get; }

    private async Task DrainAsync(NotificationsArrivals arrivals)
    {
        while (!_stop.IsCancellationRequested)
        {
            // Dequeued, not read: the receiver's list would otherwise grow for the whole run.
            while (_receiver.Calls.TryDequeue(out var call))
            {
                if (call.Path != Path || call.AnsweredStatus != 200) continue;
                using var body = JsonDocument.Parse(call.Body);
                if (body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("complaintId", out var id) && id.GetString() is { } complaintId)
                {
                    arrivals.Arrived(complaintId, call.At);
                }
            }
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _draining;
        await _receiver.DisposeAsync();
        _stop.Dispose();
    }
}
