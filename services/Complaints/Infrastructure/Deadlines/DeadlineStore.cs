using Dapper;
using Npgsql;

namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>
/// Opens and closes deadlines inside the caller's transaction, so a deadline exists exactly when the
/// state that started it was committed, and stops being watched exactly when the awaited action was.
/// </summary>
public static class DeadlineStore
{
    /// <summary>The insert of a new open deadline, for the caller's batch (<see cref="ComplaintRecords"/>).</summary>
    public static NpgsqlBatchCommand OpenCommand(ComplaintDeadline deadline) => new("""
        INSERT INTO complaint_deadlines (id, complaint_id, kind, owner, region_code, due_at, approaching_at)
        VALUES (@Id, @ComplaintId, @Kind, @Owner, @RegionCode, @DueAt, @ApproachingAt)
        """)
    {
        Parameters =
        {
            new NpgsqlParameter("Id", deadline.Id),
            new NpgsqlParameter("ComplaintId", deadline.ComplaintId),
            new NpgsqlParameter("Kind", deadline.Kind),
            new NpgsqlParameter("Owner", deadline.Owner),
            new NpgsqlParameter("RegionCode", deadline.RegionCode),
            new NpgsqlParameter("DueAt", deadline.DueAt),
            new NpgsqlParameter("ApproachingAt", deadline.ApproachingAt),
        },
    };

    /// <summary>Closes the open deadline of a kind (met, extended or cancelled), in the caller's batch; a kind not open is no error.</summary>
    public static NpgsqlBatchCommand CloseCommand(Guid complaintId, string kind, string reason) => new("""
        UPDATE complaint_deadlines SET closed_at = now(), closed_reason = @reason
        WHERE complaint_id = @complaintId AND kind = @kind AND closed_at IS NULL
        """)
    {
        Parameters =
        {
            new NpgsqlParameter("complaintId", complaintId),
            new NpgsqlParameter("kind", kind),
            new NpgsqlParameter("reason", reason),
        },
    };
}
