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
    private const string KendariBawaslu = "5eed0001-0000-4000-8000-000000747101";

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

    [Fact]
    public async Task An_admin_of_another_region_cannot_mark_an_offices_items_read_and_nothing_is_marked()
    {
        // Two new complaints of Kota Kendari reach Bawaslu Kota Kendari's inbox.
        var kendari = await OfficeHeadersAsync("74.71", KendariBawaslu);
        var first = NotificationsFixture.Submitted("74.71", "74.71/LP/2026/9601");
        var second = NotificationsFixture.Submitted("74.71", "74.71/LP/2026/9602");
        await fixture.PublishAsync(first, second);
        var items = await Eventually.HoldsAsync(
            async () => (await fixture.Client.ListInboxAsync(new ListInboxRequest { UnreadOnly = true }, kendari)).Items
                .Where(i => i.EventId == first.EventId.ToString() || i.EventId == second.EventId.ToString()).ToList(),
            found => found.Count == 2, NotificationsFixture.Bound, "both items in Kendari's inbox");

        // A Kota Mataram admin (region 52.71, no office) names Kendari's office and its items: refused, none marked.
        var mataramAdmin = await ClientHeadersAsync("52.71", officeId: "", "admin");
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Client.MarkInboxReadAsync(
            new MarkInboxReadRequest { OfficeId = KendariBawaslu, ItemIds = { items.Select(i => i.Id) } }, mataramAdmin));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("does not cover region 74.71", refused.Status.Detail);
        var stillUnread = (await fixture.Client.ListInboxAsync(new ListInboxRequest { UnreadOnly = true }, kendari)).Items;
        Assert.Equal(2, stillUnread.Count(i => items.Any(mine => mine.Id == i.Id)));

        // An admin of Sulawesi Tenggara (74) may.
        var provinceAdmin = await ClientHeadersAsync("74", officeId: "", "admin");
        var marked = await fixture.Client.MarkInboxReadAsync(
            new MarkInboxReadRequest { OfficeId = KendariBawaslu, ItemIds = { items.Select(i => i.Id) } }, provinceAdmin);
        Assert.Equal(2, marked.Marked);
    }

    private Task<Metadata> OfficeHeadersAsync(string regionCode, string officeId) => ClientHeadersAsync(regionCode, officeId, "reviewer");

    private async Task<Metadata> ClientHeadersAsync(string regionCode, string officeId, string role)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(fixture.System.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Office {officeId}",
            RegionCode = regionCode,
            OfficeId = officeId,
            Roles = { role },
        }, await fixture.System.AdminHeadersAsync());
        return TestSystem.Bearer(await fixture.System.TokenAsync(client.Client.ClientId, client.ClientSecret));
    }
}
