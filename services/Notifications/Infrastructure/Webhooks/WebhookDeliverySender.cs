using System.Text;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Notifications.Model.Deliveries;
using Oversight.Notifications.Model.Webhooks;

namespace Oversight.Notifications.Infrastructure.Webhooks;

/// <summary>A webhook answered outside 2xx: the attempt failed, with the status as its detail.</summary>
public sealed class WebhookRejectedException(int status) : Exception($"HTTP {status}");

/// <summary>The HttpClient for webhooks: no automatic retries (the worker schedules them), no redirects, guarded connects.</summary>
public sealed class WebhookHttpClient(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static WebhookHttpClient Create(bool allowPrivateAddresses) => new(new HttpClient(new SocketsHttpHandler
    {
        ConnectCallback = WebhookUrlPolicy.GuardedConnect(allowPrivateAddresses),
        AllowAutoRedirect = false,
        // No pooled connection outlives its delivery: the name is resolved and its addresses checked every time.
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        // Each attempt has its own timeout (DeliveryOptions.AttemptTimeout).
        Timeout = Timeout.InfiniteTimeSpan,
    });
}

/// <summary>POSTs the stored body, signed with the subscription's secret at the moment of sending.</summary>
public sealed class WebhookDeliverySender(WebhookHttpClient http, TimeProvider time)
{
    public async Task<string> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        var signature = WebhookSignature.Sign(delivery.Secret!, time.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload);
        request.Headers.Add(WebhookSignature.Header, signature);
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, delivery.EventType);
        request.Headers.Add("X-Oversight-Delivery-Attempt", delivery.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        return response.IsSuccessStatusCode ? $"HTTP {status}" : throw new WebhookRejectedException(status);
    }
}
