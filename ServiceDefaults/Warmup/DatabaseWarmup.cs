using Npgsql;

namespace Oversight.ServiceDefaults.Warmup;

/// <summary>
/// Opens a few PostgreSQL connections into the pool at once. Each new connection costs a server process and a
/// SCRAM exchange; after a restart under load every concurrent first call paid that while the others queued.
/// The pool keeps idle connections for its idle lifetime (Npgsql: 300 s), well past the first minute.
/// </summary>
public sealed class DatabaseWarmup(NpgsqlDataSource dataSource) : IWarmupStep
{
    /// <summary>About the concurrency of a busy second on two cores; more would only be closed again as idle.</summary>
    public const int Connections = 4;

    public string Name => "PostgreSQL connections";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // All held open together, so that the pool ends up with that many, then returned to it (also after a failure).
        var opening = Enumerable.Range(0, Connections).Select(_ => OpenAsync(cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(opening);
        }
        finally
        {
            foreach (var open in opening.Where(o => o.IsCompletedSuccessfully))
            {
                await open.Result.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
        return connection;
    }
}
