using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>Read-side lookups over the regions table: children, ancestors and search candidates.</summary>
public sealed class RegionQueries(NpgsqlDataSource dataSource)
{
    private const string Columns = "code, name, level, parent_code AS ParentCode, decree, kind";

    private const string ChildrenSql = $"""
        SELECT {Columns} FROM regions
        WHERE (@code = '' AND parent_code IS NULL) OR (@code <> '' AND parent_code = @code)
        ORDER BY code COLLATE "C"
        """;

    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM regions WHERE code = @code)";

    // The region itself at depth 0, then each parent; bounded in case the data ever holds a cycle.
    private const string AncestorsSql = $"""
        WITH RECURSIVE up AS (
            SELECT code, name, level, parent_code, decree, kind, 0 AS depth
            FROM regions WHERE code = @code
            UNION ALL
            SELECT r.code, r.name, r.level, r.parent_code, r.decree, r.kind, up.depth + 1
            FROM regions r JOIN up ON r.code = up.parent_code
            WHERE up.depth < 16
        )
        SELECT {Columns}, depth FROM up ORDER BY depth
        """;

    private const string CandidatesSql = $"""
        SELECT {Columns} FROM regions
        WHERE @within = '' OR code = @within OR starts_with(code, @within || '.')
        """;

    /// <summary>The regions directly below <paramref name="code"/> (the provinces for ""), by code; null when the code is unknown.</summary>
    public async Task<IReadOnlyList<RegionRecord>?> ChildrenAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var children = (await connection.QueryAsync<RegionRecord>(new CommandDefinition(
            ChildrenSql, new { code }, cancellationToken: cancellationToken))).ToList();
        if (children.Count > 0 || code.Length == 0) return children;

        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            ExistsSql, new { code }, cancellationToken: cancellationToken));
        return exists ? children : null;
    }

    /// <summary>The regions above <paramref name="code"/>, nearest first; null when the code is unknown.</summary>
    public async Task<IReadOnlyList<RegionRecord>?> AncestorsAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var chain = (await connection.QueryAsync<RegionRecord>(new CommandDefinition(
            AncestorsSql, new { code }, cancellationToken: cancellationToken))).ToList();
        return chain.Count == 0 ? null : chain.Skip(1).ToList();
    }

    /// <summary>Every region a search may return: all of them, or <paramref name="withinCode"/> and its subtree.</summary>
    public async Task<IReadOnlyList<RegionRecord>> SearchCandidatesAsync(string withinCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRecord>(new CommandDefinition(
            CandidatesSql, new { within = withinCode }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
