using Dapper;
using Npgsql;

namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>
/// Opens and closes deadlines inside the caller's transaction, so a deadline exists exactly when the
/// state that started it was committed, and stops being watched exactly when the awaited action was.
/// </summary>
public sealed class DeadlineStore
{
    public Task OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ComplaintDeadline deadline, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO complaint_deadlines (id, complaint_id, kind, owner, region_code, due_at, approaching_at)
            VALUES (@Id, @ComplaintId, @Kind, @Owner, @RegionCode, @DueAt, @ApproachingAt)
            """, deadline, transaction, cancellationToken: cancellationToken));

    /// <summary>Closes the open deadline of a kind (met, extended or cancelled); false when none was open.</summary>
    public async Task<bool> CloseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid complaintId, string kind, string reason, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE complaint_deadlines SET closed_at = now(), closed_reason = @reason
            WHERE complaint_id = @complaintId AND kind = @kind AND closed_at IS NULL
            """, new { complaintId, kind, reason }, transaction, cancellationToken: cancellationToken)) > 0;
}
