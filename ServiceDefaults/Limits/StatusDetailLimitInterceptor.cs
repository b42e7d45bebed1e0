using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// Shortens the detail of a refusal to <see cref="MaxDetailLength"/> characters. Handlers quote the offending value
/// ("code 'x…' is not a region code"); with a 100 000-character value the grpc-message header grows past what HTTP/2
/// clients accept (64 KB of headers by default), and the client then fails the whole connection with Unavailable instead
/// of reading the InvalidArgument.
/// </summary>
public sealed class StatusDetailLimitInterceptor : Interceptor
{
    public const int MaxDetailLength = 1024;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex) when (ex.Status.Detail.Length > MaxDetailLength)
        {
            throw Shortened(ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException ex) when (ex.Status.Detail.Length > MaxDetailLength)
        {
            throw Shortened(ex);
        }
    }

    public static RpcException Shortened(RpcException ex) =>
        new(new Status(ex.StatusCode, ex.Status.Detail[..MaxDetailLength] + "... (shortened)"), ex.Trailers);
}
