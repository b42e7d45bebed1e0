using RabbitMQ.Client;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// RabbitMQ's publisher-confirm time under the load: a persistent message to a durable queue, awaited until the
/// broker confirms it, as the outbox relay publishes each event (the relay marks a row published only after the
/// confirm). The queue is the probe's own, capped, and deleted at the end.
/// </summary>
public sealed class BrokerConfirmProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly ReadOnlyMemory<byte> _body = new byte[1024];

    private BrokerConfirmProbe(IConnection connection, IChannel channel, string queue) => (_connection, _channel, _queue) = (connection, channel, queue);

    public static async Task<BrokerConfirmProbe> StartAsync(string amqpConnectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var queue = "loadgen-confirm-probe-" + Guid.NewGuid().ToString("N")[..8];
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 1000 });
        return new BrokerConfirmProbe(connection, channel, queue);
    }

    /// <summary>Publishes one persistent message and returns when the broker has confirmed it.</summary>
    public async Task PublishConfirmedAsync() =>
        await _channel.BasicPublishAsync("", _queue, mandatory: true, new BasicProperties { Persistent = true }, _body);

    public async ValueTask DisposeAsync()
    {
        await _channel.QueueDeleteAsync(_queue);
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
