using Dapper;
using Npgsql;
using Oversight.Notifications.Model;

namespace Oversight.Notifications.Infrastructure;

public sealed class NotificationStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records a notification; false when this event already recorded it for this recipient.</summary>
    public async Task<bool> AddAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications (event_id, complaint_id, recipient, reason, status, recorded_at)
            VALUES (@EventId, @ComplaintId, @Recipient, @Reason, @Status, @RecordedAt)
            ON CONFLICT (event_id, recipient) DO NOTHING
            """, notification, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task<IReadOnlyList<NotificationRecord>> ForComplaintAsync(Guid complaintId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRecord>(new CommandDefinition("""
            SELECT event_id AS EventId, complaint_id AS ComplaintId, recipient, reason, status, recorded_at AS RecordedAt
            FROM notifications WHERE complaint_id = @complaintId
            ORDER BY recorded_at, recipient
            """, new { complaintId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
