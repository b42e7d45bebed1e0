using Grpc.Core;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>The server's call context with an earlier deadline and its cancellation token; everything else is the original's.</summary>
internal sealed class DeadlineCappedCallContext : ServerCallContext
{
    // Where GetHttpContext() looks when the context is not the server's own type.
    private const string HttpContextKey = "__HttpContext";
    private readonly ServerCallContext _inner;
    private readonly DateTime _deadline;
    private readonly CancellationToken _cancellationToken;

    public DeadlineCappedCallContext(ServerCallContext inner, DateTime deadline, CancellationToken cancellationToken)
    {
        _inner = inner;
        _deadline = deadline;
        _cancellationToken = cancellationToken;
        inner.UserState[HttpContextKey] = inner.GetHttpContext();
    }

    protected override string MethodCore => _inner.Method;
    protected override string HostCore => _inner.Host;
    protected override string PeerCore => _inner.Peer;
    protected override DateTime DeadlineCore => _deadline;
    protected override Metadata RequestHeadersCore => _inner.RequestHeaders;
    protected override CancellationToken CancellationTokenCore => _cancellationToken;
    protected override Metadata ResponseTrailersCore => _inner.ResponseTrailers;
    protected override Status StatusCore { get => _inner.Status; set => _inner.Status = value; }
    protected override WriteOptions? WriteOptionsCore { get => _inner.WriteOptions; set => _inner.WriteOptions = value; }
    protected override AuthContext AuthContextCore => _inner.AuthContext;
    protected override IDictionary<object, object> UserStateCore => _inner.UserState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        _inner.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => _inner.WriteResponseHeadersAsync(responseHeaders);
}
