using System.Net.Sockets;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace Oversight.UnitTests.Faults;

/// <summary>Which consumer failures keep a message retrying for minutes (a dependency down) and which go to _error soon.</summary>
public sealed class TransientDependencyFailuresTests
{
    public static TheoryData<Exception> DependencyDown => new()
    {
        new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.")),
        new RpcException(new Status(StatusCode.DeadlineExceeded, "")),
        new RpcException(new Status(StatusCode.Internal, "Error starting gRPC call.", new HttpRequestException("Connection refused"))),
        new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is active/available to service this operation"),
        new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)),
        new TimeoutException("RabbitMQ did not confirm within 10 s."),
        new InvalidOperationException("planning failed", new HttpRequestException("The directory refused the token: HTTP 503")),
        new AggregateException(new FormatException(), new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response", CommandStatus.Sent)),
    };

    public static TheoryData<Exception> MessageAtFault => new()
    {
        new RpcException(new Status(StatusCode.InvalidArgument, "region_code: no region with code 99")),
        new RpcException(new Status(StatusCode.Internal, "bug")),
        new JsonException("The JSON value could not be converted"),
        new InvalidOperationException("no state snapshot"),
        new NpgsqlException("syntax error"),
    };

    [Theory]
    [MemberData(nameof(DependencyDown))]
    public void A_dependency_that_is_down_or_slow_is_transient(Exception failure) =>
        Assert.True(TransientDependencyFailures.IsTransient(failure), failure.ToString());

    [Theory]
    [MemberData(nameof(MessageAtFault))]
    public void A_failure_of_the_message_or_the_code_is_not(Exception failure) =>
        Assert.False(TransientDependencyFailures.IsTransient(failure), failure.ToString());
}
