using System.Diagnostics;
using Dapper;
using Npgsql;
using Oversight.Complaints.Infrastructure.Outbox;
using Oversight.Complaints.Model;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.Infrastructure;

public sealed class ComplaintStore(NpgsqlDataSource dataSource, OutboxSignal outboxSignal)
{
    private const string InsertComplaintSql = """
        INSERT INTO complaints (id, region_code, violation_type, description, handling_office, status, received_at)
        VALUES (@Id, @RegionCode, @ViolationType, @Description, @HandlingOffice, @Status, @ReceivedAt)
        """;

    private const string InsertOutboxSql = """
        INSERT INTO outbox_messages (event_id, event_type, payload, traceparent, tracestate)
        VALUES (@EventId, @EventType, @Payload::jsonb, @Traceparent, @Tracestate)
        """;

    /// <summary>Stores the complaint and its event in one transaction, so neither exists without the other.</summary>
    public async Task AddAsync(ComplaintRecord complaint, IntegrationEvent evt, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertComplaintSql, complaint, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertOutboxSql, new
            {
                evt.EventId,
                EventType = IntegrationEventTypes.NameOf(evt.GetType()),
                Payload = OutboxPayload.Serialize(evt),
                // The relay continues this trace when it publishes, seconds or hours later.
                Traceparent = Activity.Current?.Id,
                Tracestate = Activity.Current?.TraceStateString,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        outboxSignal.Notify();
    }

    public async Task<ComplaintRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ComplaintRecord>(new CommandDefinition("""
            SELECT id, region_code AS RegionCode, violation_type AS ViolationType, description,
                   handling_office AS HandlingOffice, status, received_at AS ReceivedAt
            FROM complaints WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
    }
}
