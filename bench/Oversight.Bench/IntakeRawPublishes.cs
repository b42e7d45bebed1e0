using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Oversight.Bench;

/// <summary>
/// The raw rate of the same RabbitMQ: one publish awaiting its confirm per operation, a body as wide as an intake event,
/// onto a scratch fanout exchange bound to one bounded queue. No service, no outbox, no MassTransit: the broker's own
/// limit for what the outbox relay does with every event (issue 19, goal 5).
/// </summary>
public sealed class IntakeRawPublishes : IAsyncDisposable
{
    private const string Exchange = "bench.raw-publishes";
    private readonly IConnection _connection;
    // A channel publishes one message at a time: each concurrent caller takes its own from the pool.
    private readonly ConcurrentBag<IChannel> _channels = [];
    private readonly byte[] _body;

    private IntakeRawPublishes(IConnection connection, int bodyBytes)
    {
        _connection = connection;
        // Hex digits, not one repeated letter, as an event's JSON is.
        _body = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, bodyBytes / 32 + 1).Select(_ => Guid.NewGuid().ToString("N")))[..bodyBytes]);
    }

    public static async Task<IntakeRawPublishes> ConnectAsync(string amqpConnectionString, int bodyBytes)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpConnectionString) }.CreateConnectionAsync();
        await using (var setup = await connection.CreateChannelAsync())
        {
            await setup.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            // Bounded, so a run leaves no backlog: the oldest messages are dropped once it holds 10,000.
            await setup.QueueDeclareAsync(Exchange, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-max-length"] = 10_000, ["x-overflow"] = "drop-head" });
            await setup.QueueBindAsync(Exchange, Exchange, "");
        }
        return new IntakeRawPublishes(connection, bodyBytes);
    }

    public async Task PublishAndConfirmAsync()
    {
        if (!_channels.TryTake(out var channel))
        {
            channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        }
        // With confirmation tracking, the publish completes once the broker confirmed the (persistent) message.
        await channel.BasicPublishAsync(Exchange, "", mandatory: false, new BasicProperties { Persistent = true }, _body);
        _channels.Add(channel);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) await channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
