using Npgsql;

namespace Oversight.ServiceDefaults.Data;

/// <summary>A database whose recorded migrations this build cannot honour; the message says what to do.</summary>
public sealed class MigrationRefusedException(string message) : Exception(message);

/// <summary>
/// Applies the migrations a database has not had yet, in order, and records each in <c>schema_migrations</c>
/// (component, version, name, checksum, when). Inside the caller's transaction, which holds the advisory lock.
/// </summary>
public static class MigrationRunner
{
    public const string VersionTable = "schema_migrations";

    private const string CreateVersionTable = $"""
        CREATE TABLE IF NOT EXISTS {VersionTable} (
            component  text NOT NULL,
            version    integer NOT NULL,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (component, version)
        )
        """;

    /// <summary>Returns the migrations applied now (none when the database was current).</summary>
    /// <exception cref="MigrationRefusedException">
    /// An applied migration whose text changed since, or a database at a version this build does not know (a newer
    /// build migrated it): applying anything then could damage it.
    /// </exception>
    public static async Task<IReadOnlyList<Migration>> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateVersionTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var recorded = await RecordedAsync(connection, transaction, cancellationToken);
        Check(migrations, recorded);

        var applied = new List<Migration>();
        foreach (var migration in migrations.Where(m => !recorded.ContainsKey((m.Component, m.Version))))
        {
            await using (var change = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await change.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {VersionTable} (component, version, name, checksum) VALUES ($1, $2, $3, $4)", connection, transaction);
            record.Parameters.AddWithValue(migration.Component);
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Name);
            record.Parameters.AddWithValue(migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(migration);
        }
        return applied;
    }

    private sealed record Recorded(string Name, string Checksum);

    private static async Task<Dictionary<(string Component, int Version), Recorded>> RecordedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand($"SELECT component, version, name, checksum FROM {VersionTable}", connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var recorded = new Dictionary<(string, int), Recorded>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[(reader.GetString(0), reader.GetInt32(1))] = new Recorded(reader.GetString(2), reader.GetString(3));
        }
        return recorded;
    }

    private static void Check(IReadOnlyList<Migration> migrations, Dictionary<(string Component, int Version), Recorded> recorded)
    {
        var known = migrations.ToDictionary(m => (m.Component, m.Version));
        foreach (var ((component, version), row) in recorded.OrderBy(r => r.Key.Component).ThenBy(r => r.Key.Version))
        {
            // Only the components this build migrates: another service sharing the database is not ours to judge.
            if (!migrations.Any(m => m.Component == component)) continue;
            if (!known.TryGetValue((component, version), out var migration))
            {
                throw new MigrationRefusedException(
                    $"the database's {component} schema has migration {version:0000}_{row.Name}, which this build does not know: "
                    + "a newer build migrated it. Run that build (or newer), or restore the database from before it.");
            }
            if (migration.Checksum != row.Checksum)
            {
                throw new MigrationRefusedException(
                    $"migration {migration} was changed after it was applied to this database. Leave applied migrations as "
                    + "they shipped and put the change in a new migration.");
            }
        }
    }
}
