using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>Signed webhook deliveries to a receiver on loopback: the signature recipe, retries with backoff, dead letters and redelivery.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class WebhookDeliveryTests(NotificationsFixture fixture)
{
    [Fact]
    public async Task A_delivery_is_signed_as_documented_and_carries_the_event()
    {
        var path = $"/signed/{Guid.NewGuid():N}";
        var integrator = await fixture.IntegratorHeadersAsync("52");
        var subscription = await fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer(path, _ => 204), "52", "ComplaintSubmitted");
        try
        {
            Assert.StartsWith("whsec_", subscription.Secret);
            var evt = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9001");
            await fixture.PublishAsync(evt);

            var call = (await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)), c => c.Count > 0,
                NotificationsFixture.Bound, "webhook call"))[0];

            // The recipe of docs/notifications.md, written out independently of the service's code.
            var header = call.Headers["X-Oversight-Signature"];
            var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(subscription.Secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{call.Body}")));
            Assert.Equal(expected, parts["v1"]);
            Assert.InRange(long.Parse(parts["t"]), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
            // A different secret does not verify.
            Assert.NotEqual(expected, Convert.ToHexStringLower(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes("another-secret-of-some-length"), Encoding.UTF8.GetBytes($"{parts["t"]}.{call.Body}"))));

            Assert.Equal(evt.EventId.ToString(), call.Headers["X-Oversight-Event-Id"]);
            Assert.Equal("ComplaintSubmitted", call.Headers["X-Oversight-Event-Type"]);
            using var body = JsonDocument.Parse(call.Body);
            Assert.Equal(evt.EventId.ToString(), body.RootElement.GetProperty("id").GetString());
            Assert.Equal("ComplaintSubmitted", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(evt.ComplaintId.ToString(), body.RootElement.GetProperty("data").GetProperty("complaintId").GetString());
            Assert.Equal("52.71/LP/2026/9001", body.RootElement.GetProperty("data").GetProperty("registrationNumber").GetString());
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        }
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_exactly_one_successful_delivery_after_retries()
    {
        var path = $"/flaky/{Guid.NewGuid():N}";
        var integrator = await fixture.IntegratorHeadersAsync("52");
        var subscription = await fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer(path, call => call <= 2 ? 503 : 200), "52.71");
        try
        {
            var evt = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9002");
            await fixture.PublishAsync(evt);

            await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)), c => c.Any(call => call.AnsweredStatus == 200),
                NotificationsFixture.Bound, "successful webhook call");
            var attempts = await Eventually.HoldsAsync(
                async () => (await fixture.Client.ListDeliveryAttemptsAsync(
                    new ListDeliveryAttemptsRequest { SubscriptionId = subscription.Subscription.Id }, integrator)).Attempts,
                a => a.Any(x => x.Outcome == "sent"), NotificationsFixture.Bound, "the successful attempt logged");
            // Settle: a duplicate success would come within the retry delays (a fraction of a second here).
            await Task.Delay(TimeSpan.FromSeconds(2));

            var calls = fixture.Webhooks.CallsTo(path);
            Assert.Equal(new[] { 503, 503, 200 }, calls.Select(c => c.AnsweredStatus));
            Assert.All(calls, c => Assert.Equal(evt.EventId.ToString(), c.Headers["X-Oversight-Event-Id"]));
            Assert.Equal(new[] { "sent", "failed", "failed" }, attempts.Select(a => a.Outcome));
            Assert.Equal(new[] { 3, 2, 1 }, attempts.Select(a => a.Attempt));
            Assert.Equal("HTTP 503", attempts[1].Detail);
            // Backoff: the retries were not immediate.
            Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(90), $"first retry after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        }
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_as_a_dead_letter_that_redelivery_then_delivers()
    {
        var path = $"/down/{Guid.NewGuid():N}";
        var receiverUp = false;
        var integrator = await fixture.IntegratorHeadersAsync("52");
        var subscription = await fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer(path, _ => receiverUp ? 200 : 500), "52");
        try
        {
            var evt = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9003");
            await fixture.PublishAsync(evt);

            var admin = await fixture.System.AdminHeadersAsync();
            var dead = await Eventually.HoldsAsync(
                async () => (await fixture.Client.ListDeadLettersAsync(new ListDeadLettersRequest(), admin)).DeadLetters
                    .FirstOrDefault(d => d.SubscriptionId == subscription.Subscription.Id),
                d => d is not null, NotificationsFixture.Bound, "dead letter");
            Assert.Equal("dead", dead!.Status);
            Assert.Equal(3, dead.Attempts);
            Assert.Equal(evt.EventId.ToString(), dead.EventId);
            Assert.Equal("HTTP 500", dead.LastError);
            Assert.Equal(3, fixture.Webhooks.CallsTo(path).Count);

            // Only an admin may redeliver.
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await fixture.Client.RedeliverDeadLetterAsync(new RedeliverDeadLetterRequest { DeliveryId = dead.Id }, integrator));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

            receiverUp = true;
            var requeued = await fixture.Client.RedeliverDeadLetterAsync(new RedeliverDeadLetterRequest { DeliveryId = dead.Id }, admin);
            Assert.Equal("pending", requeued.Status);

            await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)), c => c.Any(call => call.AnsweredStatus == 200),
                NotificationsFixture.Bound, "delivery after redelivery");
            var notifications = await Eventually.HoldsAsync(
                async () => (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = evt.ComplaintId.ToString() }, admin)).Notifications,
                list => list.Any(n => n.DeliveryId == dead.Id && n.Status == "sent"), NotificationsFixture.Bound, "delivery marked sent");
            Assert.DoesNotContain((await fixture.Client.ListDeadLettersAsync(new ListDeadLettersRequest(), admin)).DeadLetters, d => d.Id == dead.Id);
            Assert.NotEmpty(notifications);
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        }
    }
}
