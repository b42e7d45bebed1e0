using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using ComplaintsGrpcClient = Oversight.Contracts.Complaints.Complaints.ComplaintsClient;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>The directory and the complaints service with an intake limit of three submissions per client per minute.</summary>
public sealed class RateLimitedSystemFixture(TestServers servers) : IAsyncLifetime
{
    public const int PermitsPerMinute = 3;

    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartWithEnvironmentAsync(servers,
        new Dictionary<string, string> { [$"{TestSystem.Complaints}:Complaints__RateLimit__PermitsPerMinute"] = PermitsPerMinute.ToString() },
        TestSystem.Complaints);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

/// <summary>Intake is limited per office client: the excess answers ResourceExhausted / 429 with a retry hint; other desks go on.</summary>
public sealed class IntakeRateLimitTests(RateLimitedSystemFixture fixture) : IClassFixture<RateLimitedSystemFixture>
{
    private TestSystem System => fixture.System;

    private ComplaintsGrpcClient Complaints => new(System.Channel(TestSystem.Complaints));

    [Fact]
    public async Task A_desk_over_its_limit_gets_resource_exhausted_with_a_retry_hint_and_other_desks_are_unaffected()
    {
        var busyDesk = await System.IntakeOfficerHeadersAsync("52.71");
        var otherDesk = await System.IntakeOfficerHeadersAsync("52.71");

        for (var i = 0; i < RateLimitedSystemFixture.PermitsPerMinute; i++)
        {
            Assert.Equal("registered", (await Complaints.SubmitComplaintAsync(Submissions.Laporan("52.71"), busyDesk)).Status);
        }

        // Over the limit over gRPC: ResourceExhausted, and retry-after (seconds) in the trailers.
        using var call = Complaints.SubmitComplaintAsync(Submissions.Laporan("52.71"), busyDesk);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("retry after", error.Status.Detail);
        var retryAfter = error.Trailers.GetValue("retry-after");
        Assert.NotNull(retryAfter);
        Assert.InRange(int.Parse(retryAfter), 1, 60);

        // Over the limit over REST: 429 with Retry-After.
        using var http = System.Http(TestSystem.Complaints);
        using var rest = new HttpRequestMessage(HttpMethod.Post, "/v1/complaints")
        {
            Content = new StringContent(JsonFormatter.Default.Format(Submissions.Laporan("52.71")), global::System.Text.Encoding.UTF8, "application/json"),
        };
        rest.Headers.Authorization = AuthenticationHeaderValue.Parse(busyDesk.GetValue("authorization")!);
        using var refused = await http.SendAsync(rest);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        // Another desk of the same office is not slowed down by the busy one.
        Assert.Equal("registered", (await Complaints.SubmitComplaintAsync(Submissions.Laporan("52.71"), otherDesk)).Status);
        await System.Project(TestSystem.Complaints).WaitForLineAsync("over the rate limit, retry after");
    }
}
