using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>Subscriptions are scoped by the integrator's token: Kalimantan Timur's integrator hears nothing about Kota Mataram.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class SubscriptionScopeTests(NotificationsFixture fixture)
{
    [Fact]
    public async Task An_integrator_scoped_to_Kalimantan_Timur_receives_nothing_about_Kota_Mataram()
    {
        var path = $"/kaltim/{Guid.NewGuid():N}";
        var kaltim = await fixture.IntegratorHeadersAsync("64");
        var subscription = await fixture.SubscribeAsync(kaltim, fixture.Webhooks.Answer(path, _ => 200), "64");
        try
        {
            var mataram = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9201");
            var berau = NotificationsFixture.Submitted("64.03", "64.03/LP/2026/9201");
            await fixture.PublishAsync(mataram, berau);

            // Berau (64.03) is inside the subtree: its delivery shows the pipeline ran for both.
            await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)),
                c => c.Any(call => call.Headers["X-Oversight-Event-Id"] == berau.EventId.ToString()), NotificationsFixture.Bound, "Berau delivery");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.DoesNotContain(fixture.Webhooks.CallsTo(path), c => c.Headers["X-Oversight-Event-Id"] == mataram.EventId.ToString());
            Assert.DoesNotContain(fixture.Webhooks.CallsTo(path), c => c.Body.Contains("52.71"));

            // Nor can it see Mataram's deliveries or subscriptions, or subscribe outside its scope.
            var seen = (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = mataram.ComplaintId.ToString() }, kaltim)).Notifications;
            Assert.Empty(seen);
            foreach (var region in new[] { "52.71", "52", "" })
            {
                var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                    await fixture.SubscribeAsync(kaltim, fixture.Webhooks.Answer(path + "/x", _ => 200), region));
                Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            }
            var ntb = await fixture.IntegratorHeadersAsync("52");
            var ntbSubscription = await fixture.SubscribeAsync(ntb, fixture.Webhooks.Answer(path + "/ntb", _ => 200), "52");
            var listed = (await fixture.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), kaltim)).Subscriptions;
            Assert.Contains(listed, s => s.Id == subscription.Subscription.Id);
            Assert.DoesNotContain(listed, s => s.Id == ntbSubscription.Subscription.Id);
            var notFound = await Assert.ThrowsAsync<RpcException>(async () =>
                await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = ntbSubscription.Subscription.Id }, kaltim));
            Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = ntbSubscription.Subscription.Id }, ntb);
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, kaltim);
        }
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_naming_each_field_and_rule()
    {
        var integrator = await fixture.IntegratorHeadersAsync("64");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = "ftp://hooks.example.org/x",
            RegionCode = "Kaltim",
            EventTypes = { "ComplaintSubmited" },
            Secret = "short",
        }, integrator));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("url: must use http or https", error.Status.Detail);
        Assert.Contains("region_code:", error.Status.Detail);
        Assert.Contains("event_types: unknown event type \"ComplaintSubmited\"", error.Status.Detail);
        Assert.Contains("secret:", error.Status.Detail);

        // An intake officer is neither integrator nor admin.
        var desk = await EndToEnd.IntakeOfficerTokens.IntakeOfficerHeadersAsync(fixture.System, "64");
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.SubscribeAsync(desk, "https://hooks.example.org/x", "64"));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
