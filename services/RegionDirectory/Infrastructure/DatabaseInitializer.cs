using Dapper;
using Npgsql;

namespace Oversight.RegionDirectory.Infrastructure;

public static class DatabaseInitializer
{
    // Any constant unique to this database; it serializes replicas starting at the same time.
    private const long SchemaLockKey = 0x5245_4749_4F4E; // "REGION"

    /// <summary>Applies Schema.sql and the seed; false (after one log line) when the database is unreachable.</summary>
    public static async Task<bool> InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, transaction);
            await connection.ExecuteAsync(EmbeddedResource.Read("Schema.sql"), transaction: transaction);
            var seeded = await RegionSeed.ApplyAsync(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Schema applied; {Count} seed regions added", seeded);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogCritical("Database unreachable at start-up, exiting so the orchestrator restarts this service: {Reason}", ex.Message);
            return false;
        }
    }
}
