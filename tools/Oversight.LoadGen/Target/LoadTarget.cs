using Grpc.Net.Client;

namespace Oversight.LoadGen.Target;

/// <summary>
/// The system under load: gRPC channels to the four services, a way to get tokens, and (when the load generator
/// started the system itself) the process ids to sample and the connection strings of PostgreSQL and RabbitMQ
/// for the commit and confirm probes.
/// </summary>
public abstract class LoadTarget : IAsyncDisposable
{
    public abstract string Description { get; }

    public abstract GrpcChannel Complaints { get; }
    public abstract GrpcChannel Directory { get; }
    public abstract GrpcChannel Reporting { get; }
    public abstract GrpcChannel Notifications { get; }

    /// <summary>The national admin's token source (the bootstrap admin).</summary>
    public abstract TokenSource Admin { get; }

    /// <summary>A token of a client by its credentials (client-credentials grant at the directory).</summary>
    public abstract Task<string> TokenAsync(string clientId, string secret);

    /// <summary>Process ids by name (services and servers), empty when unknown.</summary>
    public virtual IReadOnlyDictionary<string, int> Processes => new Dictionary<string, int>();

    /// <summary>The complaints database (for its commit count), or null when not reachable from here.</summary>
    public virtual string? ComplaintsDatabase => null;

    /// <summary>A scratch database on the same PostgreSQL for the commit probe, or null.</summary>
    public virtual Task<string?> ScratchDatabaseAsync() => Task.FromResult<string?>(null);

    /// <summary>The AMQP connection string of the services' broker (for the confirm probe), or null.</summary>
    public virtual string? Messaging => null;

    public abstract ValueTask DisposeAsync();

    /// <summary>A channel that keeps several HTTP/2 connections, so thousands of concurrent calls don't queue on one connection's stream limit.</summary>
    protected static GrpcChannel Open(string url) => GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
        MaxReceiveMessageSize = 16 * 1024 * 1024,
    });
}
