using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Oversight.Dashboard;
using Oversight.Dashboard.Otlp;
using Oversight.Hosting;
using Oversight.Hosting.Processes;
using Oversight.Hosting.Resources;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's pages and APIs on their own port: sign-in by the per-run browser token and a cookie, the
/// anti-forgery header on changes, the OTLP ports kept apart, the resources with masked secrets, stop/start/restart
/// of real processes, traces received over OTLP, and the live feed.
/// </summary>
public sealed class DashboardPagesTests(TestServers servers)
{
    private const string Token = "test-browser-token-0123456789";

    [Fact]
    public async Task Pages_need_the_browser_token_and_the_otlp_ports_do_not_serve_them()
    {
        var apiKey = OtlpApiKey.Generate();
        await using var server = await DashboardServer.StartAsync(new DashboardOptions
        {
            OtlpApiKey = apiKey, OtlpGrpcPort = 0, OtlpHttpPort = 0, UiPort = 0, BrowserToken = Token,
        });
        using var http = Client(server.UiEndpoint!);

        // Without the cookie: pages redirect to the sign-in page, APIs answer 401.
        var page = await http.GetAsync("/traces");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.ToString());
        var signInPage = await http.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Contains("text/html", signInPage.Content.Headers.ContentType!.ToString());
        foreach (var api in new[] { "/api/resources", "/api/traces", "/api/logs", "/api/telemetry", "/api/events" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(api)).StatusCode);
        }

        // A wrong token is refused and sets nothing.
        var wrong = await http.GetAsync("/login?t=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        // The right one: an HttpOnly, SameSite=Strict cookie (not the token itself) and a redirect to /.
        var login = await http.GetAsync($"/login?t={Token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.ToString());
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, setCookie);
        var cookie = setCookie.Split(';')[0];
        http.DefaultRequestHeaders.Add("Cookie", cookie);

        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        foreach (var nav in new[] { "Resources", "Console", "Structured logs", "Traces", "Metrics", "/static/app.js" }) Assert.Contains(nav, html);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/static/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/resources")).StatusCode);
        // A forged cookie is not a session.
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/api/resources"))
        {
            using var other = Client(server.UiEndpoint!);
            forged.Headers.Add("Cookie", $"{Oversight.Dashboard.Ui.DashboardAuth.CookieName}=abc");
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendAsync(forged)).StatusCode);
        }

        // Another host name (DNS rebinding) is refused on a loopback listener.
        using (var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/resources"))
        {
            rebinding.Headers.Host = "evil.example:" + server.UiEndpoint!.Port;
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebinding)).StatusCode);
        }

        // The OTLP/HTTP port serves no pages and no APIs, even with the cookie; the UI port takes no OTLP.
        using var otlp = Client(server.OtlpHttpEndpoint);
        otlp.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NotFound, (await otlp.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otlp.GetAsync($"/login?t={Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otlp.GetAsync("/api/resources")).StatusCode);
        var body = OtlpApiKeyTests.OneSpan("svc").ToByteArray();
        using var onUi = Protobuf("/v1/traces", body, apiKey);
        onUi.Headers.Add(Oversight.Dashboard.Ui.DashboardAuth.AntiForgeryHeader, "1");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(onUi)).StatusCode);
        Assert.Empty(server.Telemetry.GetTraces());
    }

    [Fact]
    public async Task Traces_arrive_in_the_api_and_the_live_feed_says_so()
    {
        var apiKey = OtlpApiKey.Generate();
        await using var server = await DashboardServer.StartAsync(new DashboardOptions
        {
            OtlpApiKey = apiKey, OtlpGrpcPort = 0, OtlpHttpPort = 0, UiPort = 0, Unsecured = true,
        });
        // Unsecured: no sign-in, but a change still needs the anti-forgery header.
        using var http = Client(server.UiEndpoint!);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/traces")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync("/api/resources/x/stop", null)).StatusCode);

        // The live feed: "hello" at once, then a "change" after telemetry arrives.
        using var events = new HttpClient { BaseAddress = server.UiEndpoint, Timeout = TimeSpan.FromSeconds(30) };
        using var stream = await events.GetStreamAsync("/api/events");
        using var reader = new StreamReader(stream);
        Assert.Equal("hello", await NextEventAsync(reader));

        var request = OtlpApiKeyTests.OneSpan("checkout");
        var span = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        span.Name = "GET /basket";
        var child = span.Clone();
        child.ParentSpanId = span.SpanId;
        child.SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64()));
        child.Name = "SELECT basket";
        request.ResourceSpans[0].ScopeSpans[0].Spans.Add(child);
        var traceId = Convert.ToHexStringLower(span.TraceId.ToByteArray());
        using var otlp = Client(server.OtlpHttpEndpoint);
        using var export = Protobuf("/v1/traces", request.ToByteArray(), apiKey);
        Assert.Equal(HttpStatusCode.OK, (await otlp.SendAsync(export)).StatusCode);

        var (name, data) = await NextEventWithDataAsync(reader);
        Assert.Equal("change", name);
        using (var change = JsonDocument.Parse(data))
        {
            Assert.True(change.RootElement.GetProperty("traces").GetBoolean());
            Assert.Contains("checkout", change.RootElement.GetProperty("telemetryResources").EnumerateArray().Select(e => e.GetString()));
        }

        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/traces?resource=checkout&text=basket"));
        var row = Assert.Single(list.RootElement.GetProperty("traces").EnumerateArray());
        Assert.Equal(traceId, row.GetProperty("traceId").GetString());
        Assert.Equal("GET /basket", row.GetProperty("name").GetString());
        Assert.Equal(2, row.GetProperty("spans").GetInt32());
        using var none = JsonDocument.Parse(await http.GetStringAsync("/api/traces?resource=nobody"));
        Assert.Empty(none.RootElement.GetProperty("traces").EnumerateArray());

        using var trace = JsonDocument.Parse(await http.GetStringAsync($"/api/traces/{traceId}"));
        var spans = trace.RootElement.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(2, spans.Count);
        Assert.Contains(spans, s => s.GetProperty("name").GetString() == "SELECT basket"
            && s.GetProperty("parentSpanId").GetString() == Convert.ToHexStringLower(span.SpanId.ToByteArray())
            && s.GetProperty("resource").GetString() == "checkout");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/traces/{new string('0', 32)}")).StatusCode);
    }

    [Fact]
    public async Task Resources_are_listed_with_secrets_masked_and_can_be_stopped_started_and_restarted()
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(servers.StateDirectory, "pages-" + Guid.NewGuid().ToString("N")[..8]),
            RandomPorts = true,
            EchoConsole = false,
        });
        var dashboard = builder.AddDashboard();
        var cache = builder.AddRedis("cache");
        var redisPassword = cache.Resource.Password;
        var directory = builder.AddProject(TestSystem.RegionDirectory, "services/RegionDirectory/Oversight.RegionDirectory.csproj")
            .WithReference(builder.AddConnectionString("directorydb", await servers.CreateDatabaseAsync("pages")))
            .WithReference(cache).WaitFor(cache)
            .WithReference(builder.AddConnectionString("messaging", await servers.CreateVirtualHostAsync()))
            .WithEnvironment("RegionDirectory__CacheKeyPrefix", TestServers.NewKeyPrefix() + "directory:");
        await using var app = builder.Build();
        await app.StartAsync();

        var signIn = dashboard.Resource.SignInUrl!;
        Assert.Contains("/login?t=", signIn.ToString());
        using var http = Client(dashboard.Resource.UiEndpoint!);
        var login = await http.GetAsync(signIn.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        http.DefaultRequestHeaders.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);

        // Every resource with its type and state; the Redis password appears nowhere, masked where it was.
        var json = await http.GetStringAsync("/api/resources");
        Assert.DoesNotContain(redisPassword, json);
        using (var doc = JsonDocument.Parse(json))
        {
            var resources = doc.RootElement.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
            Assert.Equal(new[] { "dashboard", "directorydb", "messaging", "cache", TestSystem.RegionDirectory }.Order(StringComparer.Ordinal),
                resources.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("Healthy", resources[TestSystem.RegionDirectory].GetProperty("state").GetString());
            Assert.Equal("project", resources[TestSystem.RegionDirectory].GetProperty("type").GetString());
            Assert.Equal("redis", resources["cache"].GetProperty("type").GetString());
            Assert.Equal(directory.Resource.Pid, resources[TestSystem.RegionDirectory].GetProperty("pid").GetInt32());
            Assert.True(resources[TestSystem.RegionDirectory].GetProperty("canControl").GetBoolean());
            Assert.False(resources["dashboard"].GetProperty("canControl").GetBoolean());
            var env = resources[TestSystem.RegionDirectory].GetProperty("environment").EnumerateArray()
                .ToDictionary(e => e.GetProperty("name").GetString()!, e => (Value: e.GetProperty("value").GetString()!, Masked: e.GetProperty("masked").GetBoolean()));
            Assert.True(env["ConnectionStrings__cache"].Masked);
            Assert.Contains(Oversight.Dashboard.Ui.SecretMasker.Mask, env["ConnectionStrings__cache"].Value);
            Assert.True(env["OTEL_EXPORTER_OTLP_HEADERS"].Masked);
            Assert.False(env["RegionDirectory__CacheKeyPrefix"].Masked);
        }

        // Console lines, incrementally.
        using (var console = JsonDocument.Parse(await http.GetStringAsync($"/api/resources/{TestSystem.RegionDirectory}/console")))
        {
            var next = console.RootElement.GetProperty("next").GetInt64();
            Assert.True(next > 0);
            using var after = JsonDocument.Parse(await http.GetStringAsync($"/api/resources/{TestSystem.RegionDirectory}/console?after={next}"));
            Assert.All(after.RootElement.GetProperty("lines").EnumerateArray(), l => Assert.True(l.GetProperty("seq").GetInt64() > next));
        }

        // A change without the anti-forgery header (what a cross-site form sends) is refused and does nothing.
        var firstPid = directory.Resource.Pid!.Value;
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync($"/api/resources/{TestSystem.RegionDirectory}/stop", null)).StatusCode);
        Assert.False((await http.GetAsync($"/api/resources/{TestSystem.RegionDirectory}/stop")).IsSuccessStatusCode);
        Assert.Equal(ResourceState.Healthy, directory.Resource.State);

        // Stop: the process ends and stays down (no crash-restart).
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, $"/api/resources/{TestSystem.RegionDirectory}/stop")).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(directory.Resource.State), s => s == ResourceState.Stopped, TimeSpan.FromSeconds(30), "directory stopped");
        Assert.False(Signals.IsGroupAlive(firstPid));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ResourceState.Stopped, directory.Resource.State);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(http, $"/api/resources/{TestSystem.RegionDirectory}/stop")).StatusCode);

        // Start: a new process, healthy again.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, $"/api/resources/{TestSystem.RegionDirectory}/start")).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult((directory.Resource.State, directory.Resource.Pid)),
            s => s.State == ResourceState.Healthy && s.Pid != firstPid, TimeSpan.FromSeconds(60), "directory started again");
        Assert.Equal(0, directory.Resource.RestartCount);

        // Restart of a server: Stopped, then Healthy with a new pid.
        var redisPid = cache.Resource.Pid!.Value;
        var seen = new List<ResourceState>();
        cache.Resource.StateChanged += r => { lock (seen) seen.Add(r.State); };
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, "/api/resources/cache/restart")).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult((cache.Resource.State, cache.Resource.Pid)),
            s => s.State == ResourceState.Healthy && s.Pid != redisPid, TimeSpan.FromSeconds(60), "redis restarted");
        lock (seen) Assert.True(seen.IndexOf(ResourceState.Stopped) >= 0 && seen.IndexOf(ResourceState.Stopped) < seen.LastIndexOf(ResourceState.Healthy), string.Join(",", seen));
        Assert.False(Signals.IsGroupAlive(redisPid));

        // The dashboard itself and databases cannot be stopped from here.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, "/api/resources/dashboard/stop")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, "/api/resources/nothing/stop")).StatusCode);
    }

    private static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add(Oversight.Dashboard.Ui.DashboardAuth.AntiForgeryHeader, "1");
        return http.SendAsync(request);
    }

    private static HttpRequestMessage Protobuf(string path, byte[] body, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OtlpHttpContentType);
        request.Headers.Add(OtlpApiKey.HeaderName, apiKey);
        return request;
    }

    private const string OtlpHttpContentType = "application/x-protobuf";

    private static async Task<string> NextEventAsync(StreamReader reader) => (await NextEventWithDataAsync(reader)).Name;

    // Reads one Server-Sent Event (skipping comments), within 10 s.
    private static async Task<(string Name, string Data)> NextEventWithDataAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string name = "message", data = "";
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                if (data.Length > 0 || name != "message") return (name, data);
                continue;
            }
            if (line.StartsWith(':')) continue;
            if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
        }
    }
}
