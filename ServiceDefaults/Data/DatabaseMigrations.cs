using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Oversight.ServiceDefaults.Data;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Brings a service's database to the schema its build expects, at start-up: the migrations of the shared parts it
/// registered (<see cref="SharedMigrations"/>: the outbox's), then the service's own (<c>Infrastructure/Migrations/NNNN_name.sql</c>), each applied once
/// and recorded in <c>schema_migrations</c>, then an optional seed; all in one transaction under an advisory lock, so
/// that replicas starting together do not race and a failed start leaves nothing half-applied.
/// </summary>
public static class DatabaseMigrations
{
    /// <summary>
    /// Returns false, after one critical log line, when the database is unreachable or refuses the migrations (a changed
    /// or unknown migration): the caller exits non-zero, and the orchestrator restarts it with backoff, instead of a
    /// stack trace in the console.
    /// </summary>
    public static async Task<bool> MigrateDatabaseAsync(
        this IServiceProvider services,
        Assembly serviceAssembly,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<string>>? seed = null,
        CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrations));
        // The shared parts' tables first (the outbox's): a service's own migrations may refer to them, never the other
        // way round.
        List<Migration> migrations =
        [
            .. services.GetServices<SharedMigrations>().SelectMany(shared => shared.Migrations),
            .. MigrationSet.FromAssembly(ComponentOf(serviceAssembly), serviceAssembly),
        ];
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue(LockKey(serviceAssembly));
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            var applied = await MigrationRunner.ApplyAsync(connection, transaction, migrations, cancellationToken);
            var seeded = seed is null ? "" : "; " + await seed(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Database schema at {Versions}; applied now: {Applied}{Seeded}",
                string.Join(", ", migrations.GroupBy(m => m.Component).Select(g => $"{g.Key} {g.Max(m => m.Version)}")),
                applied.Count == 0 ? "none" : string.Join(", ", applied), seeded);
            return true;
        }
        catch (MigrationRefusedException refused)
        {
            logger.LogCritical("Database schema refused, exiting: {Reason}", refused.Message);
            return false;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogCritical("Database unreachable at start-up, exiting so the orchestrator restarts this service: {Reason}", ex.Message);
            return false;
        }
    }

    /// <summary>"Oversight.Complaints" → "complaints": the name a service's migrations are recorded under.</summary>
    public static string ComponentOf(Assembly assembly) => assembly.GetName().Name!.Split('.')[^1].ToLowerInvariant();

    // A stable 64-bit key per service (FNV-1a of the assembly name); string.GetHashCode varies per process.
    private static long LockKey(Assembly assembly)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in assembly.GetName().Name!) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
