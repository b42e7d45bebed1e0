using System.Diagnostics;
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
        ExecuteAsync(connection, transaction, Command(evt), cancellationToken);

    /// <summary>
    /// The insert of <see cref="AppendAsync"/> as a command, for a caller that sends it with its other writes in one
    /// <see cref="NpgsqlBatch"/> (one round trip instead of one per statement).
    /// </summary>
    public NpgsqlBatchCommand Command(IntegrationEvent evt) =>
        Insert(evt.EventId, IntegrationEventTypes.NameOf(evt.GetType()), evt);

    /// <summary>
    /// Adds a private message (<see cref="PrivateMessageTypes"/>: service to service, personal data allowed) to the
    /// transaction. The relay publishes it to its own exchange and then empties the row's payload at once instead of
    /// keeping it for the retention period, so its personal data stays in this database only until RabbitMQ confirmed it.
    /// </summary>
    public Task AppendPrivateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid eventId, object message,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, PrivateCommand(eventId, message), cancellationToken);

    /// <summary>The insert of <see cref="AppendPrivateAsync"/> as a command for a caller's batch.</summary>
    public NpgsqlBatchCommand PrivateCommand(Guid eventId, object message) =>
        Insert(eventId, PrivateMessageTypes.NameOf(message.GetType()), message);

    private static NpgsqlBatchCommand Insert(Guid eventId, string eventType, object message) => new(InsertSql)
    {
        Parameters =
        {
            new NpgsqlParameter("EventId", eventId),
            new NpgsqlParameter("EventType", eventType),
            new NpgsqlParameter("Payload", OutboxPayload.Serialize(message)),
            // The relay continues this trace when it publishes, seconds or hours later.
            new NpgsqlParameter("Traceparent", (object?)Activity.Current?.Id ?? DBNull.Value),
            new NpgsqlParameter("Tracestate", (object?)Activity.Current?.TraceStateString ?? DBNull.Value),
        },
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatchCommand command,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { command } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

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
