using System.Net.Sockets;
using Grpc.Core;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Whether a consumer's failure is a dependency being down or slow (PostgreSQL, Redis, another service, the network)
/// rather than something wrong with the message: such a message must wait for the dependency, not be dead-lettered
/// after a few seconds of retries (the fault suite, docs/faults.md, found events lost that way).
/// </summary>
public static class TransientDependencyFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case RpcException rpc when rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted:
                    return true;
                case RpcException { Status.DebugException: { } debug } when IsTransient(debug):
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient:
                case RedisException:
                case TimeoutException:
                case HttpRequestException:
                case SocketException:
                case Polly.CircuitBreaker.BrokenCircuitException:
                case Polly.Timeout.TimeoutRejectedException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }
        return false;
    }
}
