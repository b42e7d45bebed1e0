using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;
using RabbitMQ.Client;

namespace Oversight.Bench;

/// <summary>
/// Publishes integration events straight onto their fanout exchanges in MassTransit's JSON envelope (docs/events.md),
/// as the complaints service's outbox relay does, with publisher confirms: a publish returns once RabbitMQ has the
/// message. One channel per worker, since a channel publishes one message at a time.
/// </summary>
public sealed class RabbitEventPublisher : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection _connection;
    private readonly IChannel[] _channels;

    private RabbitEventPublisher(IConnection connection, IChannel[] channels) => (_connection, _channels) = (connection, channels);

    public static async Task<RabbitEventPublisher> ConnectAsync(string amqpConnectionString, int workers)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpConnectionString) }.CreateConnectionAsync();
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        var channels = new IChannel[workers];
        for (var i = 0; i < workers; i++) channels[i] = await connection.CreateChannelAsync(options);
        return new RabbitEventPublisher(connection, channels);
    }

    /// <summary>
    /// Publishes <paramref name="count"/> events as fast as the confirms come back, one worker per channel; calls
    /// <paramref name="confirmed"/> with each event and the Stopwatch timestamp of its confirm.
    /// </summary>
    public Task BurstAsync(int count, Func<int, IntegrationEvent> make, Action<IntegrationEvent, long> confirmed)
    {
        var next = -1;
        return Task.WhenAll(_channels.Select(channel => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                var evt = make(index);
                await PublishAsync(channel, evt);
                confirmed(evt, Stopwatch.GetTimestamp());
            }
        })));
    }

    /// <summary>
    /// Publishes at <paramref name="perSecond"/> for <paramref name="duration"/>: event n is due n / rate after the start
    /// (open loop, spread over the workers); a worker behind schedule publishes at once. Returns how many were published.
    /// </summary>
    public async Task<int> PacedAsync(int perSecond, TimeSpan duration, Func<int, IntegrationEvent> make, Action<IntegrationEvent, long> confirmed)
    {
        var clock = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        var workers = _channels.Length;
        await Task.WhenAll(_channels.Select((channel, worker) => Task.Run(async () =>
        {
            for (var index = worker; index < total; index += workers)
            {
                var wait = TimeSpan.FromSeconds((double)index / perSecond) - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var evt = make(index);
                await PublishAsync(channel, evt);
                confirmed(evt, Stopwatch.GetTimestamp());
            }
        })));
        return total;
    }

    private static async Task PublishAsync(IChannel channel, IntegrationEvent evt)
    {
        var type = evt.GetType();
        var exchange = $"{type.Namespace}:{type.Name}";
        var envelope = new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { $"urn:message:{type.Namespace}:{type.Name}" },
            sentTime = DateTimeOffset.UtcNow,
            message = (object)evt,
        };
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, Json));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = envelope.messageId.ToString() };
        // With confirm tracking on, this returns when the broker confirmed the message (and throws if it refused it).
        await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, properties, body);
    }

    /// <summary>Declares an event type's exchange as MassTransit does (idempotent): publishing to a missing exchange would close the channel.</summary>
    public async Task DeclareAsync(Type eventType)
    {
        await _channels[0].ExchangeDeclareAsync($"{eventType.Namespace}:{eventType.Name}", ExchangeType.Fanout, durable: true);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) await channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
