using System.Diagnostics;
using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Oversight.Bench;

/// <summary>
/// The benchmark's own queue bound to the ComplaintSubmitted exchange, as an integrator would bind one:
/// records when each complaint's event arrives.
/// </summary>
public sealed class IntakeEventQueue : IAsyncDisposable
{
    public static readonly string SubmittedExchange = IntegrationEventTypes.ExchangeOf<ComplaintSubmitted>();

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    public IntakeConfirmations Confirmations { get; } = new();

    private IntakeEventQueue(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<IntakeEventQueue> BindAsync(string amqpConnectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpConnectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = new IntakeEventQueue(connection, channel);
        var name = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        // Declared the way MassTransit declares it (idempotent), so the binding holds before the first publish.
        await channel.ExchangeDeclareAsync(SubmittedExchange, ExchangeType.Fanout, durable: true);
        await channel.QueueBindAsync(name, SubmittedExchange, routingKey: "");
        await channel.BasicQosAsync(0, prefetchCount: 1000, global: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            if (ComplaintIdOf(delivery.Body.Span) is { } id) queue.Confirmations.Record(id, arrived);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(name, autoAck: true, consumer);
        return queue;
    }

    /// <summary>Waits until every complaint has its event, or the time is up; (missing, latest arrival).</summary>
    public async Task<(int Missing, long? LastArrival)> WaitForAsync(IReadOnlyCollection<string> complaintIds, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = Confirmations.Of(complaintIds);
            if (result.Missing == 0 || deadline.Elapsed > within) return result;
            await Task.Delay(10);
        }
    }

    // MassTransit's envelope: { "message": { "complaintId": ..., ... }, ... }.
    private static string? ComplaintIdOf(ReadOnlySpan<byte> body)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        return json.RootElement.TryGetProperty("message", out var message) && message.TryGetProperty("complaintId", out var id)
            ? id.GetString()
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
