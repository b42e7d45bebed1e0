using Dapper;
using Npgsql;
using Oversight.Complaints.Model;
using Oversight.Contracts.IntegrationEvents;
using Oversight.ServiceDefaults.Outbox;

namespace Oversight.Complaints.Infrastructure;

public sealed class ComplaintStore(NpgsqlDataSource dataSource, TransactionalOutbox outbox)
{
    private const string InsertComplaintSql = """
        INSERT INTO complaints (id, region_code, violation_type, description, handling_office, status, received_at)
        VALUES (@Id, @RegionCode, @ViolationType, @Description, @HandlingOffice, @Status, @ReceivedAt)
        """;

    /// <summary>Stores the complaint and its event in one transaction, so neither exists without the other.</summary>
    public async Task AddAsync(ComplaintRecord complaint, IntegrationEvent evt, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertComplaintSql, complaint, transaction, cancellationToken: cancellationToken));
            await outbox.AppendAsync(connection, transaction, evt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        outbox.Notify();
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
