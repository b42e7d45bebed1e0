using System.Collections.Concurrent;
using Grpc.Core;
using Oversight.Contracts.RegionDirectory;

namespace Oversight.UnitTests.ServiceDefaults;

/// <summary>
/// A stand-in behind the generated region directory client that holds every answer until <see cref="Release"/> and
/// counts calls per method: for the pure logic of callers that share look-ups (not a test of the directory). The
/// first <c>refuseRoutes</c> RouteComplaint calls are refused with PermissionDenied.
/// </summary>
internal sealed class HeldRegionDirectory(int refuseRoutes = 0) : CallInvoker
{
    private static readonly Office Bawaslu = new() { Id = "b-52.71", Name = "Bawaslu Kota Mataram", RegionCode = "52.71", Kind = "bawaslu", Email = "mataram@bawaslu.example" };

    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Set to let the held calls (and every later one) answer.</summary>
    public TaskCompletionSource Release { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the calls made from now on until <see cref="Release"/> is set again.</summary>
    public void Hold() => Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient Client => new(this);

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        new(AnswerAsync<TResponse>(method.Name), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });

    private async Task<TResponse> AnswerAsync<TResponse>(string method)
    {
        await Release.Task;
        var call = _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        object answer = method switch
        {
            "RouteComplaint" when call <= refuseRoutes => throw new RpcException(new Status(StatusCode.PermissionDenied, "region 52.71 is outside the token's scope")),
            "RouteComplaint" => new ComplaintRouting { Bawaslu = Bawaslu },
            "GetCampaignStatus" => new CampaignStatus { HoldsElection = true, InCampaignPeriod = true },
            "ListOffices" => new OfficeList { Offices = { Bawaslu } },
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, method)),
        };
        return (TResponse)answer;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
