using Dapper;
using Npgsql;
using Oversight.Complaints.Infrastructure.Audit;

namespace Oversight.Complaints.Infrastructure.Queries;

/// <summary>
/// The SQL of the offices' reads: filtered, scoped, keyset-paged lists; the export's pages by id; lookups by registration
/// number; and the audited read of a sealed reporter identity. Every list is bounded (LIMIT), never a whole table.
/// </summary>
public sealed class ComplaintQueryStore(NpgsqlDataSource dataSource, AuditTrail audit)
{
    /// <summary>
    /// One page of complaints matching <paramref name="filter"/>, newest received first (ties by id), after its cursor.
    /// Reads one row more than the page to know whether another page follows.
    /// </summary>
    public async Task<ComplaintPage> ListAsync(ComplaintListFilter filter, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        AddScope(where, parameters, filter.CallerScope);
        if (filter.RegionCode is { } region)
        {
            AddSubtree(where, parameters, "region_code", "region", region);
        }
        if (filter.Status is { } status)
        {
            where.Add("status = @status");
            parameters.Add("status", status);
        }
        if (filter.ViolationType is { } violationType)
        {
            where.Add("violation_type = @violationType");
            parameters.Add("violationType", violationType);
        }
        if (filter.Kind is { } kind)
        {
            where.Add("kind = @kind");
            parameters.Add("kind", kind);
        }
        if (filter.AccusedAgency is { } agency)
        {
            // A substring, not a pattern: the caller's % and _ are matched literally.
            where.Add(@"reported_agency ILIKE '%' || @agency || '%' ESCAPE '\'");
            parameters.Add("agency", agency.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_"));
        }
        if (filter.ReceivedFrom is { } from)
        {
            where.Add("received_at >= @receivedFrom");
            parameters.Add("receivedFrom", from.UtcDateTime);
        }
        if (filter.ReceivedBefore is { } before)
        {
            where.Add("received_at < @receivedBefore");
            parameters.Add("receivedBefore", before.UtcDateTime);
        }
        if (filter.OverdueOnly)
        {
            where.Add("EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id = c.id AND d.closed_at IS NULL AND d.due_at < @now)");
            parameters.Add("now", filter.Now.UtcDateTime);
        }
        if (filter.After is { } after)
        {
            where.Add("(received_at, id) < (@afterReceivedAt, @afterId)");
            parameters.Add("afterReceivedAt", DateTime.SpecifyKind(after.ReceivedAtUtc, DateTimeKind.Utc));
            parameters.Add("afterId", after.Id);
        }
        parameters.Add("limit", filter.PageSize + 1);
        var sql = $"""
            SELECT {ComplaintStore.Columns} FROM complaints c
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY received_at DESC, id DESC
            LIMIT @limit
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ComplaintRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var hasMore = rows.Count > filter.PageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var complaints = await WithOpenDeadlinesAsync(connection, rows, cancellationToken);
        var next = hasMore ? new ListCursor(rows[^1].ReceivedAt, rows[^1].Id) : null;
        return new ComplaintPage(complaints, next);
    }

    /// <summary>Up to <paramref name="limit"/> complaints of the region subtree ("" = all) with ids after <paramref name="afterId"/>, by id.</summary>
    public async Task<IReadOnlyList<ComplaintWithDeadlines>> ExportPageAsync(string regionCode, Guid afterId, int limit, CancellationToken cancellationToken)
    {
        var where = new List<string> { "id > @afterId" };
        var parameters = new DynamicParameters(new { afterId, limit });
        if (regionCode.Length > 0)
        {
            AddSubtree(where, parameters, "region_code", "region", regionCode);
        }
        var sql = $"SELECT {ComplaintStore.Columns} FROM complaints c WHERE {string.Join(" AND ", where)} ORDER BY id LIMIT @limit";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ComplaintRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        return await WithOpenDeadlinesAsync(connection, rows, cancellationToken);
    }

    public async Task<ComplaintRow?> FindByRegistrationNumberAsync(string registrationNumber, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(
            $"SELECT {ComplaintStore.Columns} FROM complaints c WHERE registration_number = @registrationNumber",
            new { registrationNumber }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Opens the complaint's sealed reporter identity with <paramref name="open"/> and appends <paramref name="entry"/> in the
    /// same transaction, committed before this returns: no identity leaves without its audit entry stored. Null (and nothing
    /// written) when the complaint holds no identity; an <paramref name="open"/> that throws writes nothing either.
    /// </summary>
    public async Task<(T Identity, long AuditEntryId)?> ReadSealedIdentityAsync<T>(
        Guid complaintId, Func<byte[], T> open, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sealedIdentity = await connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT reporter_identity FROM complaints WHERE id = @complaintId", new { complaintId }, transaction, cancellationToken: cancellationToken));
        if (sealedIdentity is null)
        {
            return null;
        }
        var identity = open(sealedIdentity);
        var auditEntryId = await audit.AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (identity, auditEntryId);
    }

    // Visible when the scope covers where it happened or the handling office's region (GetComplaint's rule).
    private static void AddScope(List<string> where, DynamicParameters parameters, string scope)
    {
        if (scope.Length == 0)
        {
            return;
        }
        where.Add("(region_code = @scope OR region_code LIKE @scopePrefix OR handling_region_code = @scope OR handling_region_code LIKE @scopePrefix)");
        parameters.Add("scope", scope);
        parameters.Add("scopePrefix", scope + ".%");
    }

    // Valid region codes are digits and dots only, so the prefix holds no LIKE wildcard of the caller's.
    private static void AddSubtree(List<string> where, DynamicParameters parameters, string column, string name, string code)
    {
        where.Add($"({column} = @{name} OR {column} LIKE @{name}Prefix)");
        parameters.Add(name, code);
        parameters.Add(name + "Prefix", code + ".%");
    }

    private static async Task<IReadOnlyList<ComplaintWithDeadlines>> WithOpenDeadlinesAsync(
        NpgsqlConnection connection, List<ComplaintRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToArray();
        var deadlines = (await connection.QueryAsync<OpenDeadlineRow>(new CommandDefinition("""
                SELECT complaint_id AS ComplaintId, kind, owner, region_code AS RegionCode, due_at AS DueAt, approaching_at AS ApproachingAt
                FROM complaint_deadlines WHERE complaint_id = ANY(@ids) AND closed_at IS NULL
                """, new { ids }, cancellationToken: cancellationToken)))
            .ToLookup(d => d.ComplaintId, d => d.ToDeadline());
        return rows.Select(row => new ComplaintWithDeadlines(row, deadlines[row.Id].ToList())).ToList();
    }
}
