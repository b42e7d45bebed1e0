using MimeKit;
using Oversight.Contracts.Notifications;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>Exactly once per recipient: the same event delivered twice by the broker sends one e-mail and one webhook call.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class DuplicateEventTests(NotificationsFixture fixture)
{
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";

    [Fact]
    public async Task The_same_event_published_twice_produces_one_email_and_one_webhook_call()
    {
        var path = $"/dedupe/{Guid.NewGuid():N}";
        var integrator = await fixture.IntegratorHeadersAsync("");
        var subscription = await fixture.SubscribeAsync(integrator, fixture.Webhooks.Answer(path, _ => 200), "", "ComplaintSubmitted");
        try
        {
            var evt = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9101");
            // Back to back (both may be consumed at once), then once more after the first has been sent.
            await fixture.PublishAsync(evt, evt);
            await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)), c => c.Count > 0, NotificationsFixture.Bound, "first webhook call");
            await fixture.PublishAsync(evt);

            // A later event on the same queue: once it is delivered, the duplicates before it were consumed too.
            var marker = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9102");
            await fixture.PublishAsync(marker);
            await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.CallsTo(path)),
                c => c.Any(call => call.Headers["X-Oversight-Event-Id"] == marker.EventId.ToString()), NotificationsFixture.Bound, "marker webhook call");
            await Eventually.HoldsAsync(() => Task.FromResult(MailsFor(evt.EventId) + MailsFor(marker.EventId)), n => n >= 2,
                NotificationsFixture.Bound, "e-mails for the event and the marker");
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.Single(fixture.Webhooks.CallsTo(path), c => c.Headers["X-Oversight-Event-Id"] == evt.EventId.ToString());
            Assert.Equal(1, MailsFor(evt.EventId));

            var admin = await fixture.System.AdminHeadersAsync();
            var rows = (await fixture.Client.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = evt.ComplaintId.ToString() }, admin)).Notifications;
            Assert.Single(rows, r => r.Channel == "webhook" && r.Recipient.EndsWith(path));
            Assert.Single(rows, r => r.Channel == "email" && r.Recipient == HandlingOfficeEmail);
        }
        finally
        {
            await fixture.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Id = subscription.Subscription.Id }, integrator);
        }
    }

    private int MailsFor(Guid eventId) =>
        fixture.Smtp.To(HandlingOfficeEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
            .Count(m => m.Headers["X-Oversight-Event-Id"] == eventId.ToString());
}
