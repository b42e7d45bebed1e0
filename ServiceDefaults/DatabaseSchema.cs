using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Oversight.ServiceDefaults.Outbox;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Applies a service's schema at start-up: the embedded resources <c>Schema.sql</c>, then every
/// <c>Schema.*.sql</c> in name order (one per area of the service, idempotent statements), then an optional seed, in one transaction under an advisory lock so that
/// replicas starting together do not race.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>
    /// Returns false, after one critical log line, when the database is unreachable: the caller exits
    /// non-zero and the orchestrator restarts it with backoff, instead of a stack trace in the console.
    /// </summary>
    public static async Task<bool> ApplyDatabaseSchemaAsync(
        this IServiceProvider services,
        Assembly schemaAssembly,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<string>>? seed = null,
        CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSchema));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue(LockKey(schemaAssembly));
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            // The outbox table first: a service's own schema may refer to it, never the other way round.
            if (services.GetService<TransactionalOutbox>() is not null)
            {
                await using var outboxCommand = new NpgsqlCommand(ReadResource(typeof(TransactionalOutbox).Assembly, "Outbox.sql"), connection, transaction);
                await outboxCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var resource in SchemaResources(schemaAssembly))
            {
                await using var schemaCommand = new NpgsqlCommand(ReadResource(schemaAssembly, resource), connection, transaction);
                await schemaCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            var seeded = seed is null ? "" : "; " + await seed(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Schema applied{Seeded}", seeded);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogCritical("Database unreachable at start-up, exiting so the orchestrator restarts this service: {Reason}", ex.Message);
            return false;
        }
    }

    /// <summary>The text of an embedded resource of the assembly, by its logical name.</summary>
    public static string ReadResource(Assembly assembly, string logicalName)
    {
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // "Schema.sql" first (the base tables others refer to), then the areas' files in ordinal name order.
    private static IEnumerable<string> SchemaResources(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(name => name == "Schema.sql" || (name.StartsWith("Schema.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal)))
            .OrderBy(name => name == "Schema.sql" ? 0 : 1)
            .ThenBy(name => name, StringComparer.Ordinal);

    // A stable 64-bit key per service (FNV-1a of the assembly name); string.GetHashCode varies per process.
    private static long LockKey(Assembly assembly)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in assembly.GetName().Name!) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
