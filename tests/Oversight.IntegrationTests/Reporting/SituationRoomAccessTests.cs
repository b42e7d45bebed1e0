using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Reports;

/// <summary>
/// The situation room's sign-in and API refusals over plain HTTP: only admins get the cookie, the cookie is HttpOnly and
/// SameSite=Strict, and the JSON calls answer only within the admin's region scope.
/// </summary>
[Collection(SituationRoomCollection.Name)]
public sealed class SituationRoomAccessTests(SituationRoomFixture fixture)
{
    private HttpClient Client() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.ReportingHttp };

    private static JsonContent SignInBody(string clientId, string secret) => JsonContent.Create(new { clientId, clientSecret = secret });

    [Fact]
    public async Task An_admin_gets_an_http_only_strict_cookie_that_authenticates_the_api()
    {
        using var http = Client();
        using var signIn = await http.PostAsync("/situation-room/api/sign-in", SignInBody(TestSystem.AdminClientId, fixture.System.AdminSecret));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("oversight_situation_room=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/situation-room", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        using var summary = new HttpRequestMessage(HttpMethod.Get, "/situation-room/api/summary?region=74");
        summary.Headers.Add("Cookie", cookie[..cookie.IndexOf(';')]);
        using var answer = await http.SendAsync(summary);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"regionCode\": \"74\"", await answer.Content.ReadAsStringAsync());

        // The cookie is read only on the page's own paths: the REST reports still need a bearer token.
        using var rest = new HttpRequestMessage(HttpMethod.Get, "/v1/reports/summary?regionCode=74");
        rest.Headers.Add("Cookie", cookie[..cookie.IndexOf(';')]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(rest)).StatusCode);

        using var signOut = await http.PostAsync("/situation-room/api/sign-out", null);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("oversight_situation_room=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_admin_is_refused_at_sign_in_with_a_clear_message_and_gets_no_cookie()
    {
        var (clientId, secret) = await fixture.RegisterClientAsync("", "reviewer");
        using var http = Client();
        using var signIn = await http.PostAsync("/situation-room/api/sign-in", SignInBody(clientId, secret));
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        Assert.Contains("for admins only", await signIn.Content.ReadAsStringAsync());

        // With its token as a bearer the API refuses it too.
        var token = await fixture.System.TokenAsync(clientId, secret);
        using var summary = new HttpRequestMessage(HttpMethod.Get, "/situation-room/api/summary");
        summary.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(summary)).StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_missing_fields_no_cookie_and_another_province_are_refused()
    {
        using var http = Client();
        using var wrong = await http.PostAsync("/situation-room/api/sign-in", SignInBody(TestSystem.AdminClientId, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var empty = await http.PostAsync("/situation-room/api/sign-in", SignInBody("", ""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var detail = await empty.Content.ReadAsStringAsync();
        Assert.Contains("clientId: is required", detail);
        Assert.Contains("clientSecret: is required", detail);
        // A NUL in the id is the caller's error, answered at once: it used to reach the directory's database, come back
        // as an outage (503) and be retried three times (issue 16).
        using var nul = await http.PostAsync("/situation-room/api/sign-in", SignInBody("oc-\0x", "not-the-secret"));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("clientId: must not contain control characters", await nul.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/situation-room/api/summary")).StatusCode);

        var (clientId, secret) = await fixture.RegisterClientAsync("52", "admin");
        var token = await fixture.System.TokenAsync(clientId, secret);
        foreach (var (region, expected) in new[] { ("52", HttpStatusCode.OK), ("52.71", HttpStatusCode.OK), ("74", HttpStatusCode.Forbidden), ("", HttpStatusCode.Forbidden), ("5x", HttpStatusCode.BadRequest) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/situation-room/api/overdue?region={region}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.True(expected == (await http.SendAsync(request)).StatusCode, $"region '{region}' should be {expected}");
        }
    }

    [Fact]
    public async Task Region_names_come_from_the_directory_for_a_signed_in_admin_and_bad_codes_are_named()
    {
        using var http = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/situation-room/api/region-names?codes=52")).StatusCode);

        var (clientId, secret) = await fixture.RegisterClientAsync("52", "admin");
        var token = await fixture.System.TokenAsync(clientId, secret);
        async Task<HttpResponseMessage> AskAsync(string codes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/situation-room/api/region-names?codes={codes}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await http.SendAsync(request);
        }

        using var names = await AskAsync("52,52.71,74.71");
        Assert.Equal(HttpStatusCode.OK, names.StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["52"] = "Nusa Tenggara Barat", ["52.71"] = "Kota Mataram", ["74.71"] = "Kota Kendari" },
            await names.Content.ReadFromJsonAsync<Dictionary<string, string>>());

        using var bad = await AskAsync("52,x1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("codes: 'x1' is not a region code", await bad.Content.ReadAsStringAsync());
    }
}
