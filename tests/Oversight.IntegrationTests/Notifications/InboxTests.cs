using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>The in-app inbox of an office: pushed on a server stream as events come, listed, marked read, private to the office.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class InboxTests(NotificationsFixture fixture)
{
    // Bawaslu Kota Mataram in the directory's seed.
    private const string MataramBawaslu = "5eed0001-0000-4000-8000-000000527101";

    [Fact]
    public async Task A_new_complaint_is_pushed_to_the_handling_offices_inbox_listed_and_marked_read()
    {
        var office = await OfficeHeadersAsync("52.71", MataramBawaslu);
        using var watch = fixture.Client.WatchInbox(new WatchInboxRequest(), office);
        await watch.ResponseHeadersAsync;

        var evt = NotificationsFixture.Submitted("52.71", "52.71/LP/2026/9501");
        await fixture.PublishAsync(evt, evt);

        using var timeout = new CancellationTokenSource(NotificationsFixture.Bound);
        InboxItem? pushed = null;
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            if (watch.ResponseStream.Current.EventId == evt.EventId.ToString())
            {
                pushed = watch.ResponseStream.Current;
                break;
            }
        }
        Assert.NotNull(pushed);
        Assert.Equal(MataramBawaslu, pushed.OfficeId);
        Assert.Contains("52.71/LP/2026/9501", pushed.Title);
        Assert.EndsWith($"/v1/complaints/{evt.ComplaintId}", pushed.Link);

        var unread = (await fixture.Client.ListInboxAsync(new ListInboxRequest { UnreadOnly = true }, office)).Items;
        // Published twice, stored once.
        Assert.Single(unread, i => i.EventId == evt.EventId.ToString());

        var marked = await fixture.Client.MarkInboxReadAsync(new MarkInboxReadRequest { OfficeId = MataramBawaslu, ItemIds = { pushed.Id } }, office);
        Assert.Equal(1, marked.Marked);
        Assert.DoesNotContain((await fixture.Client.ListInboxAsync(new ListInboxRequest { UnreadOnly = true }, office)).Items, i => i.Id == pushed.Id);
        Assert.NotEmpty(Assert.Single((await fixture.Client.ListInboxAsync(new ListInboxRequest(), office)).Items, i => i.Id == pushed.Id).ReadAt);

        // Another office cannot read it.
        var other = await OfficeHeadersAsync("64", "5eed0001-0000-4000-8000-000000000064");
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Client.ListInboxAsync(new ListInboxRequest { OfficeId = MataramBawaslu }, other));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private async Task<Metadata> OfficeHeadersAsync(string regionCode, string officeId)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(fixture.System.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Office {officeId}",
            RegionCode = regionCode,
            OfficeId = officeId,
            Roles = { "reviewer" },
        }, await fixture.System.AdminHeadersAsync());
        return TestSystem.Bearer(await fixture.System.TokenAsync(client.Client.ClientId, client.ClientSecret));
    }
}
