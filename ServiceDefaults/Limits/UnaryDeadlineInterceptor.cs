using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// Caps a unary call's deadline at <see cref="RequestLimitsOptions.UnaryCallTimeout"/>: a client that sets no deadline (or a
/// day) cannot hold a worker and a database connection for long. The handler sees the capped deadline and a cancellation
/// token that fires at it; a call cut off this way answers DeadlineExceeded.
/// </summary>
public sealed class UnaryDeadlineInterceptor(RequestLimitsOptions limits, ILogger<UnaryDeadlineInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var cap = DateTime.UtcNow + limits.UnaryCallTimeout;
        if (context.Deadline <= cap) return await continuation(request, context);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(limits.UnaryCallTimeout);
        try
        {
            return await continuation(request, new DeadlineCappedCallContext(context, cap, timeout.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
                                   && timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Call {Method} cut off after the server's limit of {Timeout}", context.Method, limits.UnaryCallTimeout);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"The call took longer than the server's limit of {limits.UnaryCallTimeout.TotalSeconds:0} s."));
        }
    }
}
