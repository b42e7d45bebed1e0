using System.Net;
using System.Text.Json;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using ComplaintsGrpcClient = Oversight.Contracts.Complaints.Complaints.ComplaintsClient;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>
/// All four services and the AppHost's dashboard, every service exporting its telemetry to it: started once for
/// the trace and browser tests, which only add complaints and read.
/// </summary>
public sealed class TracedSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartWithDashboardAsync(servers);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();

    /// <summary>Submits a complete laporan through the complaints service's gRPC API, as an intake officer of the region.</summary>
    public async Task<SubmitComplaintReply> SubmitAsync(string regionCode, string description)
    {
        var complaints = new ComplaintsGrpcClient(System.Channel(TestSystem.Complaints));
        return await complaints.SubmitComplaintAsync(Submissions.Laporan(regionCode, description: description),
            await System.IntakeOfficerHeadersAsync(regionCode));
    }

    /// <summary>An HttpClient for the dashboard's pages and APIs, signed in with the browser token like a browser.</summary>
    public async Task<HttpClient> SignedInDashboardAsync()
    {
        var dashboard = System.Dashboard;
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = dashboard.UiEndpoint, Timeout = TimeSpan.FromSeconds(30),
        };
        var login = await http.GetAsync(dashboard.SignInUrl!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        http.DefaultRequestHeaders.Add("Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        return http;
    }

    /// <summary>
    /// The trace of the complaints service's SubmitComplaint call that started after <paramref name="since"/>, once
    /// <paramref name="complete"/> holds for it (the consumers' spans arrive seconds after the call's).
    /// </summary>
    public static async Task<TraceJson> SubmitComplaintTraceAsync(HttpClient dashboard, DateTimeOffset since, Func<TraceJson, bool> complete)
    {
        var trace = await Eventually.HoldsAsync(async () =>
        {
            using var list = JsonDocument.Parse(await dashboard.GetStringAsync("/api/traces?resource=complaints&text=SubmitComplaint&limit=50"));
            var row = list.RootElement.GetProperty("traces").EnumerateArray()
                .Where(t => t.GetProperty("start").GetDateTimeOffset() >= since)
                .OrderBy(t => t.GetProperty("start").GetDateTimeOffset())
                .Select(t => t.GetProperty("traceId").GetString()!)
                .FirstOrDefault();
            return row is null ? null : await TraceJson.GetAsync(dashboard, row);
        }, trace => trace is not null && complete(trace), TimeSpan.FromSeconds(60), "the SubmitComplaint trace with its outbox and consumer spans");
        return trace!;
    }
}

[CollectionDefinition(Name)]
public sealed class TracedSystemCollection : ICollectionFixture<TracedSystemFixture>
{
    public const string Name = "traced system";
}

/// <summary>A trace as the dashboard's <c>/api/traces/{id}</c> returns it.</summary>
public sealed record TraceJson(string TraceId, IReadOnlyList<SpanJson> Spans)
{
    public SpanJson? Parent(SpanJson span) => span.ParentSpanId is { Length: > 0 } id ? Spans.FirstOrDefault(s => s.SpanId == id) : null;

    /// <summary>The span, its parent, its parent's parent, … up to the root (or the first parent the trace lacks).</summary>
    public IEnumerable<SpanJson> Ancestry(SpanJson span)
    {
        for (var s = span; s is not null; s = Parent(s)) yield return s;
    }

    public override string ToString() => $"trace {TraceId}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Spans);

    public static async Task<TraceJson?> GetAsync(HttpClient dashboard, string traceId)
    {
        using var response = await dashboard.GetAsync($"/api/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spans = doc.RootElement.GetProperty("spans").EnumerateArray().Select(s => new SpanJson(
            s.GetProperty("spanId").GetString()!,
            s.GetProperty("parentSpanId").GetString(),
            s.GetProperty("name").GetString()!,
            s.GetProperty("kind").GetString()!,
            s.GetProperty("resource").GetString()!,
            s.GetProperty("scope").GetString() ?? "")).ToList();
        return new TraceJson(doc.RootElement.GetProperty("traceId").GetString()!, spans);
    }
}

public sealed record SpanJson(string SpanId, string? ParentSpanId, string Name, string Kind, string Resource, string Scope)
{
    public override string ToString() => $"{Resource}/{Kind}/{Name} ({SpanId} <- {ParentSpanId})";
}
