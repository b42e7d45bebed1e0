using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model;
using Oversight.Contracts.IntegrationEvents;
using Oversight.RegionDirectory.Model.Import;
using Oversight.Messaging.Outbox;
using Oversight.RegionDirectory.IntegrationEvents.Events;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>
/// Reads what an import compares against and writes a plan in one transaction, with its
/// <see cref="RegionDirectoryChanged"/> event: all of it or none.
/// </summary>
public sealed class RegionImportStore(NpgsqlDataSource dataSource, TransactionalOutbox outbox)
{
    private const string UpsertSql = """
        INSERT INTO regions (code, name, level, parent_code, decree, kind)
        VALUES (@Code, @Name, @Level, @ParentCode, @Decree, @Kind)
        ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
            decree = EXCLUDED.decree, kind = EXCLUDED.kind
        """;

    public async Task<IReadOnlyDictionary<string, RegionRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRecord>(new CommandDefinition(
            "SELECT code, name, level, parent_code AS ParentCode, decree, kind FROM regions", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code);
    }

    public Task ApplyAsync(RegionImportPlan plan, string decree, CancellationToken cancellationToken) =>
        outbox.InTransactionAsync(dataSource, async (connection, transaction) =>
        {
            // Provinces before regencies, so each parent exists before its children reference it.
            var rows = plan.Added.Concat(plan.Changed)
                .OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal)
                .Select(r => new { r.Code, r.Name, Level = (short)r.Level, r.ParentCode, Decree = decree, r.Kind });
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, rows, transaction, cancellationToken: cancellationToken));
            await outbox.AppendAsync(connection, transaction, DirectoryChangeEvents.ForImport(plan), cancellationToken);
            return plan;
        }, cancellationToken);
}
