using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>The intake and tracking limit classes, on one system: each uses office clients and tracking codes of its own.</summary>
[CollectionDefinition(Name)]
public sealed class RateLimitedCollection : ICollectionFixture<RateLimitedSystemFixture>
{
    public const string Name = "RateLimited";
}

/// <summary>The directory and the complaints service with an intake limit of three submissions per client per minute.</summary>
public sealed class RateLimitedSystemFixture(TestServers servers) : IAsyncLifetime
{
    public const int PermitsPerMinute = 3;
    public const int TrackingAttemptsPerCode = 3;

    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartWithEnvironmentAsync(servers,
        new Dictionary<string, string>
        {
            [$"{TestSystem.Complaints}:Complaints__RateLimit__PermitsPerMinute"] = PermitsPerMinute.ToString(),
            [$"{TestSystem.Complaints}:Complaints__Tracking__AttemptsPerCode"] = TrackingAttemptsPerCode.ToString(),
        },
        TestSystem.Complaints);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

/// <summary>Intake is limited per office client: the excess answers ResourceExhausted / 429 with a retry hint; other desks go on.</summary>
[Collection(RateLimitedCollection.Name)]
public sealed class IntakeRateLimitTests(RateLimitedSystemFixture fixture)
{
    private TestSystem System => fixture.System;

    private ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    [Fact]
    public async Task A_desk_over_its_limit_gets_resource_exhausted_with_a_retry_hint_and_other_desks_are_unaffected()
    {
        var busyDesk = await System.IntakeOfficerHeadersAsync("52.71");
        var otherDesk = await System.IntakeOfficerHeadersAsync("52.71");

        for (var i = 0; i < RateLimitedSystemFixture.PermitsPerMinute; i++)
        {
            Assert.Equal("registered", (await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), busyDesk)).Status);
        }

        // Over the limit over gRPC: ResourceExhausted, and retry-after (seconds) in the trailers.
        using var call = Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), busyDesk);
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
            Content = new StringContent(JsonFormatter.Default.Format(ComplaintSubmission.Laporan("52.71").Build()), global::System.Text.Encoding.UTF8, "application/json"),
        };
        rest.Headers.Authorization = AuthenticationHeaderValue.Parse(busyDesk.GetValue("authorization")!);
        using var refused = await http.SendAsync(rest);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        // Another desk of the same office is not slowed down by the busy one.
        Assert.Equal("registered", (await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), otherDesk)).Status);
        await System.Project(TestSystem.Complaints).WaitForLineAsync("over the rate limit, retry after");
    }
}

/// <summary>A reporter's status read is limited per tracking code: a PIN cannot be guessed, and other codes go on.</summary>
[Collection(RateLimitedCollection.Name)]
public sealed class TrackingRateLimitTests(RateLimitedSystemFixture fixture)
{
    private TestSystem System => fixture.System;

    private ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    [Fact]
    public async Task A_tracking_code_tried_too_often_is_refused_even_with_the_right_pin_and_other_codes_go_on()
    {
        var desk = await System.IntakeOfficerHeadersAsync("64.03");
        var mine = await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), desk);
        var other = await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), desk);
        var wrongPin = ((int.Parse(mine.Pin) + 1) % 1_000_000).ToString("D6");

        // Every try counts, right or wrong: two wrong PINs and the right one use up the code's three tries.
        for (var i = 0; i < RateLimitedSystemFixture.TrackingAttemptsPerCode - 1; i++)
        {
            var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
                await Complaints.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = mine.TrackingCode, Pin = wrongPin }));
            Assert.Equal(StatusCode.NotFound, wrong.StatusCode);
        }
        Assert.Equal("registered", (await Complaints.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = mine.TrackingCode, Pin = mine.Pin })).Status);

        // The next try, even with the right PIN and the code written differently, is refused with a retry hint.
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Complaints.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = mine.TrackingCode.ToLowerInvariant(), Pin = mine.Pin }));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("Too many tries for this tracking code", refused.Status.Detail);
        Assert.InRange(int.Parse(refused.Trailers.GetValue("retry-after")!), 1, 15 * 60);

        // Over REST too.
        using var http = System.Http(TestSystem.Complaints);
        using var rest = await http.PostAsync("/v1/complaints:track", new StringContent(
            JsonFormatter.Default.Format(new TrackComplaintRequest { TrackingCode = mine.TrackingCode, Pin = mine.Pin }), global::System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        // With the wait as a Retry-After header, since REST callers never see gRPC trailers (issue 16).
        Assert.InRange(rest.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 15 * 60);

        // Another reporter's code is not affected.
        Assert.Equal("registered", (await Complaints.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = other.TrackingCode, Pin = other.Pin })).Status);
        await System.Project(TestSystem.Complaints).WaitForLineAsync("Refused a tracking read: too many tries for this tracking code");
        Assert.DoesNotContain(System.Project(TestSystem.Complaints).ConsoleSnapshot(), line => line.Text.Contains(mine.TrackingCode, StringComparison.Ordinal));
    }
}
