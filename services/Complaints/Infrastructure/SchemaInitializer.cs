using Dapper;
using Npgsql;

namespace Oversight.Complaints.Infrastructure;

public static class SchemaInitializer
{
    // Any constant unique to this database; it serializes replicas starting at the same time.
    private const long SchemaLockKey = 0x434F_4D50_4C41; // "COMPLA"

    /// <summary>Applies the embedded Schema.sql; false (after one log line) when the database is unreachable.</summary>
    public static async Task<bool> ApplySchemaAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaInitializer));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, transaction);
            await connection.ExecuteAsync(ReadSchema(), transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Schema applied");
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogCritical("Database unreachable at start-up, exiting so the orchestrator restarts this service: {Reason}", ex.Message);
            return false;
        }
    }

    private static string ReadSchema()
    {
        using var stream = typeof(SchemaInitializer).Assembly.GetManifestResourceStream("Schema.sql")
            ?? throw new InvalidOperationException("Embedded resource 'Schema.sql' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
