using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;
using Oversight.UnitTests.Complaints.Domain;
using static Microsoft.Extensions.Options.Options;

namespace Oversight.UnitTests.Complaints.Routing;

/// <summary>
/// Intake calls that miss the routing cache together ask the region directory once (the first second after a restart
/// under load). The directory here is a counting stand-in behind the generated client: what is tested is the router's
/// own logic, not the directory.
/// </summary>
public sealed class RoutingLookupsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    /// <summary>Answers RouteComplaint and GetCampaignStatus once released; the first <c>refuse</c> RouteComplaint calls are refused.</summary>
    private sealed class HeldDirectory(int refuse = 0) : CallInvoker
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int RouteCalls;
        public int CampaignCalls;

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            var response = AnswerAsync<TResponse>(method.Name);
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        private async Task<TResponse> AnswerAsync<TResponse>(string method)
        {
            await Release.Task;
            if (method == "RouteComplaint")
            {
                if (Interlocked.Increment(ref RouteCalls) <= refuse)
                    throw new RpcException(new Status(StatusCode.PermissionDenied, "region 52.71 is outside the token's scope"));
                return (TResponse)(object)new ComplaintRouting { Bawaslu = new Office { Id = "b-52.71", Name = "Bawaslu Kota Mataram", RegionCode = "52.71" } };
            }
            Interlocked.Increment(ref CampaignCalls);
            return (TResponse)(object)new CampaignStatus { HoldsElection = true, InCampaignPeriod = true };
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }

    private static HandlingOfficeRouter Router(HeldDirectory directory) =>
        new(new Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient(directory),
            new RoutingCache(Create(new RoutingCacheOptions()), new FakeClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)), NullLogger<RoutingCache>.Instance),
            NullLogger<HandlingOfficeRouter>.Instance);

    [Fact]
    public async Task Twenty_calls_missing_the_same_routing_together_ask_the_directory_once()
    {
        var directory = new HeldDirectory();
        var router = Router(directory);

        var calls = Enumerable.Range(0, 20).Select(_ => router.RouteAsync("52.71", "", Day, "Bearer t", CancellationToken.None)).ToList();
        directory.Release.SetResult();
        var routings = await Task.WhenAll(calls);

        Assert.All(routings, r => Assert.Equal(("b-52.71", true), (r.OfficeId, r.InElectionPeriod)));
        Assert.Equal((1, 1), (directory.RouteCalls, directory.CampaignCalls));
    }

    [Fact]
    public async Task When_the_shared_lookup_is_refused_the_waiting_calls_ask_for_themselves()
    {
        var directory = new HeldDirectory(refuse: 1);
        var router = Router(directory);

        var first = router.RouteAsync("52.71", "", Day, "Bearer outside", CancellationToken.None);
        var second = router.RouteAsync("52.71", "", Day, "Bearer inside", CancellationToken.None);
        directory.Release.SetResult();

        var refused = await Assert.ThrowsAsync<RpcException>(() => first);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("b-52.71", (await second).OfficeId);
        Assert.Equal(2, directory.RouteCalls);
    }
}
