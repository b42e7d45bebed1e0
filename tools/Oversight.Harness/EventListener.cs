using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Oversight.Contracts;
using Oversight.Contracts.IntegrationEvents;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Oversight.Harness;

/// <summary>One message as a listener received it: the exchange it was published to, its body, its AMQP headers, and when it arrived.</summary>
public sealed class ReceivedEvent(string exchange, string body, IReadOnlyDictionary<string, object?> headers, long arrivedAt)
{
    private JsonElement? _envelope;

    /// <summary>The exchange the message was published to, e.g. <c>Oversight.Contracts.IntegrationEvents:ComplaintSubmitted</c>.</summary>
    public string Exchange { get; } = exchange;

    /// <summary>
    /// The event's name, as an integrator reads it: the <see cref="EventHeaders.Type"/> header (a regional site's events
    /// arrive through the centre's <c>oversight.from-sites</c> exchange), else its exchange after
    /// <see cref="IntegrationEventTypes.ExchangePrefix"/>.
    /// </summary>
    public string Type => Headers.GetValueOrDefault(EventHeaders.Type) is byte[] name ? Encoding.UTF8.GetString(name)
        : Exchange.StartsWith(IntegrationEventTypes.ExchangePrefix, StringComparison.Ordinal) ? Exchange[IntegrationEventTypes.ExchangePrefix.Length..] : Exchange;

    /// <summary>The body as sent (MassTransit's JSON envelope).</summary>
    public string Body { get; } = body;

    /// <summary>The message's AMQP headers (string values arrive as UTF-8 bytes).</summary>
    public IReadOnlyDictionary<string, object?> Headers { get; } = headers;

    /// <summary>When it arrived, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long ArrivedAt { get; } = arrivedAt;

    /// <summary>MassTransit's envelope: <c>{ "messageType": [...], "headers": {...}, "message": {...} }</c>.</summary>
    public JsonElement Envelope => _envelope ??= JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The event itself (the envelope's "message").</summary>
    public JsonElement Message => Envelope.GetProperty("message");

    /// <summary>The event's complaintId, if it has one.</summary>
    public string? ComplaintId =>
        Envelope.TryGetProperty("message", out var message) && message.TryGetProperty("complaintId", out var id) ? id.GetString() : null;

    /// <summary>A message read with <c>BasicGet</c> (a queue drained by hand).</summary>
    public static ReceivedEvent From(BasicGetResult message) =>
        new(message.Exchange, Encoding.UTF8.GetString(message.Body.Span), CopyOf(message.BasicProperties.Headers), Stopwatch.GetTimestamp());

    internal static IReadOnlyDictionary<string, object?> CopyOf(IDictionary<string, object?>? headers) =>
        headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(headers);
}

/// <summary>
/// A queue of its own bound, as an integrator's would be, to the exchanges of the given integration event types
/// (<see cref="IntegrationEventTypes.ExchangeOf(Type)"/>), and everything that arrives on it, in arrival order.
/// The queue is exclusive: it lives as long as the listener.
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly List<ReceivedEvent> _received = [];
    private readonly Action<ReceivedEvent>? _onArrival;
    private int _taken;

    private EventListener(IConnection connection, IChannel channel, Action<ReceivedEvent>? onArrival) =>
        (_connection, _channel, _onArrival) = (connection, channel, onArrival);

    /// <summary>Listens to one event type's exchange.</summary>
    public static Task<EventListener> ListenAsync<TEvent>(string amqpConnectionString) where TEvent : IntegrationEvent =>
        ListenAsync(amqpConnectionString, [typeof(TEvent)]);

    /// <summary>Listens to the exchanges of <paramref name="eventTypes"/> (events, or abstract bases such as <see cref="ComplaintChange"/>).</summary>
    public static Task<EventListener> ListenAsync(string amqpConnectionString, IEnumerable<Type> eventTypes) =>
        ListenAsync(amqpConnectionString, eventTypes, onArrival: null);

    /// <summary>
    /// As above, but each event goes to <paramref name="onArrival"/> instead of being kept (a benchmark's thousands of
    /// events): <see cref="Received"/> stays empty.
    /// </summary>
    public static async Task<EventListener> ListenAsync(string amqpConnectionString, IEnumerable<Type> eventTypes, Action<ReceivedEvent>? onArrival)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var listener = new EventListener(connection, channel, onArrival);
        try
        {
            var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
            await BindAsync(channel, queue, eventTypes);
            await channel.BasicQosAsync(0, prefetchCount: 1000, global: false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                // The body's memory is the client's only while this runs: copy it out.
                listener.Add(new ReceivedEvent(delivery.Exchange, Encoding.UTF8.GetString(delivery.Body.Span),
                    ReceivedEvent.CopyOf(delivery.BasicProperties.Headers), Stopwatch.GetTimestamp()));
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
            return listener;
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Binds <paramref name="queue"/> to the exchanges of <paramref name="eventTypes"/>, declaring each exchange the way
    /// MassTransit does (fanout, durable; idempotent), so the binding holds before the first publish.
    /// </summary>
    public static async Task BindAsync(IChannel channel, string queue, IEnumerable<Type> eventTypes)
    {
        foreach (var exchange in eventTypes.Select(IntegrationEventTypes.ExchangeOf).Distinct())
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        }
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedEvent> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds of everything received; returns that.</summary>
    public Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(Func<IReadOnlyList<ReceivedEvent>, bool> condition, TimeSpan within, string what) =>
        Eventually.HoldsAsync(() => Task.FromResult(Received), condition, within, what);

    /// <summary>Waits until at least <paramref name="count"/> received events match; returns the matching ones in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(Func<ReceivedEvent, bool> match, int count, TimeSpan within, string what) =>
        [.. (await WaitForAsync(all => all.Count(match) >= count, within, what)).Where(match)];

    /// <summary>The next event not yet taken by this method, once it has arrived.</summary>
    public async Task<ReceivedEvent> NextAsync(TimeSpan within, string what)
    {
        var all = await WaitForAsync(all => all.Count > _taken, within, what);
        return all[_taken++];
    }

    private void Add(ReceivedEvent received)
    {
        if (_onArrival is not null)
        {
            _onArrival(received);
            return;
        }
        lock (_received) _received.Add(received);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
