using Npgsql;
using Oversight.Contracts.Notifications;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>Deliveries live in PostgreSQL, not in memory: what a stopped service left behind goes out after its restart.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class DeliveryRestartTests(NotificationsFixture fixture)
{
    [Fact]
    public async Task A_delivery_left_mid_attempt_and_an_event_published_while_down_are_both_delivered_after_the_restart()
    {
        var path = $"/restart/{Guid.NewGuid():N}";
        var integrator = await fixture.IntegratorHeadersAsync("52");
        var subscription = await fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer(path, _ => 200), "52");
        var subscriptionId = Guid.Parse(subscription.Subscription.Id);
        var service = fixture.System.Project(TestSystem.Notifications);
        var leftBehind = Guid.NewGuid();
        var whileDown = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9401");
        try
        {
            await service.StopProcessAsync();

            // As a worker that died during attempt 1 leaves a row: leased, attempt counted, not marked sent. The lease has run out.
            await using (var database = NpgsqlDataSource.Create(fixture.System.Setting(TestSystem.Notifications, "ConnectionStrings__notificationsdb")))
            {
                await using var insert = database.CreateCommand("""
                    INSERT INTO deliveries (event_id, event_type, complaint_id, region_code, channel, recipient, recipient_kind,
                                            subscription_id, payload, attempts, locked_until, next_attempt_at)
                    VALUES ($1, 'ComplaintSubmitted', $2, '52.71', 'webhook', $3, 'subscription', $4, $5, 1, now() - interval '1 second', now() - interval '1 minute')
                    """);
                insert.Parameters.AddWithValue(leftBehind);
                insert.Parameters.AddWithValue(Guid.NewGuid());
                insert.Parameters.AddWithValue(subscriptionId.ToString());
                insert.Parameters.AddWithValue(subscriptionId);
                insert.Parameters.AddWithValue($"{{\"id\":\"{leftBehind}\",\"type\":\"ComplaintSubmitted\"}}");
                await insert.ExecuteNonQueryAsync();
            }
            // The broker keeps this one in the service's durable queue.
            await fixture.PublishAsync(whileDown);
        }
        finally
        {
            await service.StartProcessAsync();
        }

        try
        {
            var calls = await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)),
                c => c.Any(x => x.Headers["X-Oversight-Event-Id"] == leftBehind.ToString())
                     && c.Any(x => x.Headers["X-Oversight-Event-Id"] == whileDown.EventId.ToString()),
                NotificationsFixture.Bound, "both deliveries after the restart");
            var resumed = Assert.Single(calls, c => c.Headers["X-Oversight-Event-Id"] == leftBehind.ToString());
            // The interrupted attempt counted: this is the second, and the log shows it sent.
            Assert.Equal("2", resumed.Headers["X-Oversight-Delivery-Attempt"]);
            var attempts = await Eventually.HoldsAsync(
                async () => (await fixture.Client.ListDeliveryAttemptsAsync(new ListDeliveryAttemptsRequest { SubscriptionId = subscription.Subscription.Id }, integrator)).Attempts,
                a => a.Count(x => x.Outcome == "sent") == 2, NotificationsFixture.Bound, "two sent attempts logged");
            Assert.Contains(attempts, a => a.Attempt == 2 && a.Outcome == "sent");
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        }
    }
}
