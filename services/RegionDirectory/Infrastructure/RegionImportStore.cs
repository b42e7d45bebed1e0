using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model;
using Oversight.Contracts.IntegrationEvents;
using Oversight.RegionDirectory.Model.Import;
using Oversight.RegionDirectory.Infrastructure.Sites;
using Oversight.RegionDirectory.IntegrationEvents.Events;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>
/// Reads what an import compares against and writes a plan in one transaction, with its
/// <see cref="RegionDirectoryChanged"/> event: all of it or none.
/// </summary>
public sealed class RegionImportStore(NpgsqlDataSource dataSource, DirectorySnapshots snapshots)
{
    /// <summary>Also how a site's copy takes the centre's regions (DirectorySnapshots).</summary>
    internal const string UpsertSql = """
        INSERT INTO regions (code, name, level, parent_code, decree, kind)
        VALUES (@Code, @Name, @Level, @ParentCode, @Decree, @Kind)
        ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
            decree = EXCLUDED.decree, kind = EXCLUDED.kind
        """;

    internal const string SelectAllSql = "SELECT code, name, level, parent_code AS ParentCode, decree, kind FROM regions";

    public async Task<IReadOnlyDictionary<string, RegionRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRecord>(new CommandDefinition(SelectAllSql, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code);
    }

    public Task ApplyAsync(RegionImportPlan plan, string decree, CancellationToken cancellationToken) =>
        snapshots.InTransactionAsync(async (connection, transaction) =>
        {
            // Provinces before regencies, so each parent exists before its children reference it.
            var rows = plan.Added.Concat(plan.Changed)
                .OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal)
                .Select(r => new { r.Code, r.Name, Level = (short)r.Level, r.ParentCode, Decree = decree, r.Kind });
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, rows, transaction, cancellationToken: cancellationToken));
            await snapshots.AnnounceAsync(connection, transaction, DirectoryChangeEvents.ForImport(plan), cancellationToken);
            return plan;
        }, cancellationToken);
}
