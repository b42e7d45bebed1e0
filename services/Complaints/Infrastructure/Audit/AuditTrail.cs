using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Oversight.Complaints.Infrastructure.Audit;

/// <summary>
/// The append-only audit trail of complaints (table <c>audit_entries</c>, Migrations/0002_audit.sql; the database refuses
/// UPDATE, DELETE and TRUNCATE). Entries are written in the caller's transaction, so a change and its entry commit or
/// roll back together; a read of personal data is audited in a transaction of its own before the data is returned.
/// </summary>
public sealed partial class AuditTrail(NpgsqlDataSource dataSource)
{
    /// <summary>The most entries one <see cref="ListAsync"/> call returns.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Appends the entry inside <paramref name="transaction"/>; returns its id.</summary>
    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { AppendCommand(entry) } };
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The insert of <see cref="AppendAsync"/> as a command, for a caller that sends it in one batch with its other writes.</summary>
    public static NpgsqlBatchCommand AppendCommand(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ComplaintId == Guid.Empty) throw new ArgumentException("The complaint id must not be empty.", nameof(entry));
        if (!ActionPattern().IsMatch(entry.Action)) throw new ArgumentException($"Audit action '{entry.Action}' is not a dotted lower-case name like complaint.submitted.", nameof(entry));

        var actor = entry.Actor;
        return new NpgsqlBatchCommand("""
            INSERT INTO audit_entries (complaint_id, actor_client_id, actor_office_id, actor_region, actor_roles,
                                       action, details, remote_address, user_agent, trace_id)
            VALUES (@ComplaintId, @ClientId, @OfficeId, @Region, @Roles, @Action, CAST(@Details AS jsonb), @RemoteAddress, @UserAgent, @TraceId)
            RETURNING id
            """)
        {
            Parameters =
            {
                new NpgsqlParameter("ComplaintId", entry.ComplaintId),
                new NpgsqlParameter("ClientId", OrNull(actor.ClientId)),
                new NpgsqlParameter("OfficeId", OrNull(actor.OfficeId)),
                new NpgsqlParameter("Region", OrNull(actor.Region)),
                new NpgsqlParameter("Roles", actor.Roles.ToArray()),
                new NpgsqlParameter("Action", entry.Action),
                new NpgsqlParameter("Details", JsonSerializer.Serialize(entry.Details ?? new Dictionary<string, string>())),
                new NpgsqlParameter("RemoteAddress", OrNull(actor.RemoteAddress)),
                new NpgsqlParameter("UserAgent", OrNull(actor.UserAgent)),
                new NpgsqlParameter("TraceId", OrNull(actor.TraceId)),
            },
        };
    }

    private static object OrNull(string? value) => (object?)value ?? DBNull.Value;

    /// <summary>The complaint's entries in the order they were written, after <paramref name="afterId"/> (to page on), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(Guid complaintId, CancellationToken cancellationToken, long afterId = 0, int limit = MaxPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, complaint_id AS ComplaintId, at, action, actor_client_id AS ClientId, actor_office_id AS OfficeId,
                   actor_region AS Region, actor_roles AS Roles, details::text AS Details, remote_address AS RemoteAddress,
                   user_agent AS UserAgent, trace_id AS TraceId
            FROM audit_entries
            WHERE complaint_id = @complaintId AND id > @afterId
            ORDER BY id
            LIMIT @limit
            """, new { complaintId, afterId, limit = Math.Min(limit, MaxPageSize) }, cancellationToken: cancellationToken));
        return rows.Select(row => new AuditRecord(
            row.Id, row.ComplaintId, new DateTimeOffset(DateTime.SpecifyKind(row.At, DateTimeKind.Utc)), row.Action,
            new AuditActor(row.ClientId, row.OfficeId, row.Region, row.Roles, row.RemoteAddress, row.UserAgent, row.TraceId),
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.Details) ?? [])).ToList();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex ActionPattern();

    // Settable properties, not a positional record: Dapper reports text[] as System.Array and would not match a constructor.
    private sealed class Row
    {
        public long Id { get; init; }
        public Guid ComplaintId { get; init; }
        public DateTime At { get; init; }
        public string Action { get; init; } = "";
        public string? ClientId { get; init; }
        public string? OfficeId { get; init; }
        public string? Region { get; init; }
        public string[] Roles { get; init; } = [];
        public string Details { get; init; } = "{}";
        public string? RemoteAddress { get; init; }
        public string? UserAgent { get; init; }
        public string? TraceId { get; init; }
    }
}
