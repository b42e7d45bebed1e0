using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.LoadGen.Engine;
using Oversight.Harness;
using static Oversight.Contracts.Notifications.Notifications;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// Delay (b): from a complaint's commit to its webhook delivery. Subscribes a receiver on loopback to every
/// ComplaintSubmitted in the nation and times the first delivery of each complaint the run committed. The
/// notifications service refuses loopback URLs unless <c>Notifications:Webhooks:AllowPrivateAddresses</c> is on
/// (the self-started system turns it on, as the tests do); when refused, the delay is reported as not measured.
/// </summary>
public sealed class WebhookDelayProbe : IAsyncDisposable
{
    private readonly WebhookTestReceiver _receiver;
    private readonly NotificationsClient _client;
    private readonly Metadata _headers;
    private readonly string _path;
    private readonly string _subscriptionId;

    private WebhookDelayProbe(WebhookTestReceiver receiver, NotificationsClient client, Metadata headers, string path, string subscriptionId) =>
        (_receiver, _client, _headers, _path, _subscriptionId) = (receiver, client, headers, path, subscriptionId);

    /// <summary>The probe, or the reason it could not subscribe.</summary>
    public static async Task<(WebhookDelayProbe? Probe, string? Refusal)> StartAsync(NotificationsClient client, Metadata integratorHeaders)
    {
        var receiver = new WebhookTestReceiver();
        var path = $"/loadgen/{Guid.NewGuid():N}";
        try
        {
            var reply = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Url = receiver.Answer(path, _ => 200),
                RegionCode = "",
                EventTypes = { "ComplaintSubmitted" },
            }, integratorHeaders);
            return (new WebhookDelayProbe(receiver, client, integratorHeaders, path, reply.Subscription.Id), null);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
        {
            await receiver.DisposeAsync();
            return (null, $"subscription refused ({ex.StatusCode}: {ex.Status.Detail}); start notifications with Notifications__Webhooks__AllowPrivateAddresses=true");
        }
    }

    /// <summary>Waits (at most <paramref name="within"/>) until every committed complaint was delivered once, then the delays.</summary>
    public async Task<DelayFigures> MeasureAsync(IReadOnlyDictionary<string, DateTimeOffset> commits, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        Dictionary<string, DateTimeOffset> delivered;
        while (true)
        {
            delivered = FirstDeliveries(commits);
            if (delivered.Count >= commits.Count || DateTimeOffset.UtcNow >= until) break;
            await Task.Delay(100);
        }
        var delays = delivered.Select(d => (d.Value - commits[d.Key]).TotalMilliseconds).ToList();
        return new DelayFigures(commits.Count, delays.Count, Percentiles.Of(delays));
    }

    private Dictionary<string, DateTimeOffset> FirstDeliveries(IReadOnlyDictionary<string, DateTimeOffset> commits)
    {
        var first = new Dictionary<string, DateTimeOffset>();
        foreach (var call in _receiver.CallsTo(_path))
        {
            if (ComplaintIdOf(call.Body) is { } id && commits.ContainsKey(id) && !first.ContainsKey(id)) first[id] = call.At;
        }
        return first;
    }

    // The documented webhook body: { "id": ..., "type": "ComplaintSubmitted", "data": { "complaintId": ... } }.
    private static string? ComplaintIdOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("complaintId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = _subscriptionId }, _headers);
        }
        catch (RpcException)
        {
            // The system may be going down with us; the subscription dies with its database.
        }
        await _receiver.DisposeAsync();
    }
}
