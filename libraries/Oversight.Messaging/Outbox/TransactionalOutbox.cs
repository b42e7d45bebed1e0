using System.Diagnostics;
using Dapper;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.Messaging.Outbox;

/// <summary>
/// Writes integration events into the service's <c>outbox_messages</c> table inside the caller's
/// transaction, so an event exists exactly when the change it reports was committed. The relay
/// publishes it to RabbitMQ afterwards.
/// </summary>
public sealed class TransactionalOutbox
{
    private const string InsertSql = """
        INSERT INTO outbox_messages (event_id, event_type, payload, traceparent, tracestate)
        VALUES (@EventId, @EventType, @Payload::jsonb, @Traceparent, @Tracestate)
        """;

    private readonly OutboxSignal _signal;

    internal TransactionalOutbox(OutboxSignal signal) => _signal = signal;

    /// <summary>Adds the event to the caller's transaction (one opened by <see cref="InTransactionAsync"/>).</summary>
    public Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IntegrationEvent evt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            evt.EventId,
            EventType = IntegrationEventTypes.NameOf(evt.GetType()),
            Payload = OutboxPayload.Serialize(evt),
            // The relay continues this trace when it publishes, seconds or hours later.
            Traceparent = Activity.Current?.Id,
            Tracestate = Activity.Current?.TraceStateString,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Adds a private message (<see cref="PrivateMessageTypes"/>: service to service, personal data allowed) to the
    /// transaction. The relay publishes it to its own exchange and then deletes the row at once instead of keeping it
    /// for the retention period, so its personal data stays in this database only until RabbitMQ confirmed it.
    /// </summary>
    public Task AppendPrivateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid eventId, object message,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            EventId = eventId,
            EventType = PrivateMessageTypes.NameOf(message.GetType()),
            Payload = OutboxPayload.Serialize(message),
            Traceparent = Activity.Current?.Id,
            Tracestate = Activity.Current?.TraceStateString,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The one shape of a change that announces itself: <paramref name="work"/> runs in a new transaction and adds its
    /// events with <see cref="AppendAsync"/>; the transaction commits when it returns (rolls back when it throws), and
    /// the relay is woken after the commit, so the events go out at once rather than at its next poll.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        T result;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        _signal.Notify();
        return result;
    }
}
