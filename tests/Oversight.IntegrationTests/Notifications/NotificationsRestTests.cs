using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>The subscriptions API over REST (gRPC JSON transcoding): 400 naming the field, 201-style create, list, delete.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationsRestTests(NotificationsFixture fixture)
{
    [Fact]
    public async Task Subscriptions_can_be_managed_over_rest_and_bad_input_is_a_400_naming_the_field()
    {
        var integrator = await fixture.IntegratorHeadersAsync("64");
        using var http = fixture.System.Http(TestSystem.Notifications);
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(integrator.Get("Authorization")!.Value);

        using var bad = await http.PostAsJsonAsync("/v1/webhooks/subscriptions", new { url = "gopher://hooks.example.org/x", regionCode = "64" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("url: must use http or https", await bad.Content.ReadAsStringAsync());

        using var created = await http.PostAsJsonAsync("/v1/webhooks/subscriptions",
            new { url = "https://hooks.example.org/kaltim", regionCode = "64.03", eventTypes = new[] { "DeadlineMissed" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = createdBody.RootElement.GetProperty("subscription").GetProperty("id").GetString();
        Assert.StartsWith("whsec_", createdBody.RootElement.GetProperty("secret").GetString());

        var listed = await http.GetStringAsync("/v1/webhooks/subscriptions");
        Assert.Contains(id!, listed);
        Assert.DoesNotContain("whsec_", listed);

        using var deleted = await http.DeleteAsync($"/v1/webhooks/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(id!, await http.GetStringAsync("/v1/webhooks/subscriptions"));

        using var anonymous = fixture.System.Http(TestSystem.Notifications);
        using var refused = await anonymous.GetAsync("/v1/webhooks/subscriptions");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
