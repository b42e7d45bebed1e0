using Oversight.UnitTests.Support;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.ServiceDefaults.Limits;

namespace Oversight.UnitTests.Hostile;

/// <summary>The interceptors every gRPC server runs: the unary deadline cap and the shortened refusal detail.</summary>
public sealed class CallLimitInterceptorTests
{
    [Fact]
    public async Task A_call_without_a_deadline_is_cut_off_at_the_servers_limit_with_deadline_exceeded()
    {
        var interceptor = new UnaryDeadlineInterceptor(new RequestLimitsOptions { UnaryCallTimeout = TimeSpan.FromMilliseconds(200) },
            NullLogger<UnaryDeadlineInterceptor>.Instance);
        DateTime seenDeadline = default;

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>("request", new FakeServerCallContext(deadline: DateTime.MaxValue),
            async (_, context) =>
            {
                seenDeadline = context.Deadline;
                Assert.NotNull(context.GetHttpContext()); // the handler still reaches the HTTP context (the caller's claims)
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return "never";
            }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(seenDeadline, DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_call_whose_deadline_is_within_the_limit_runs_with_its_own_context()
    {
        var interceptor = new UnaryDeadlineInterceptor(new RequestLimitsOptions(), NullLogger<UnaryDeadlineInterceptor>.Instance);
        var original = new FakeServerCallContext(deadline: DateTime.UtcNow.AddSeconds(5));

        var answer = await interceptor.UnaryServerHandler<string, string>("request", original,
            (request, context) => Task.FromResult(ReferenceEquals(context, original) ? "same context" : "other context"));

        Assert.Equal("same context", answer);
    }

    [Fact]
    public async Task A_refusal_quoting_a_huge_value_is_shortened_keeping_its_status()
    {
        var interceptor = new StatusDetailLimitInterceptor();
        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>("request", new FakeServerCallContext(deadline: DateTime.MaxValue),
            (_, _) => throw new RpcException(new Status(StatusCode.InvalidArgument, "code: '" + new string('9', 100_000) + "' is not a region code"))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("code: '999", error.Status.Detail);
        Assert.True(error.Status.Detail.Length <= StatusDetailLimitInterceptor.MaxDetailLength + 20, $"{error.Status.Detail.Length} characters");
    }
}
