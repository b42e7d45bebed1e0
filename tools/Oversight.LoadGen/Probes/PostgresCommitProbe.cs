using Npgsql;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// PostgreSQL's own commit time under the load: one INSERT of a 1 KB row (about a stored complaint's width) and
/// one COMMIT, in a scratch database of the same server, and the complaints database's commit count
/// (pg_stat_database.xact_commit), to relate the service's commits per second to the server's.
/// </summary>
public sealed class PostgresCommitProbe(NpgsqlDataSource scratch)
{
    private readonly string _payload = string.Concat(Enumerable.Range(0, 32).Select(_ => Guid.NewGuid().ToString("N")));

    public async Task CreateTableAsync()
    {
        await using var command = scratch.CreateCommand(
            "CREATE TABLE IF NOT EXISTS loadgen_commit_probe (id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task InsertAndCommitAsync()
    {
        await using var connection = await scratch.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO loadgen_commit_probe (id, payload) VALUES ($1, $2)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = _payload });
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>Transactions committed so far in a database (cumulative; take a difference).</summary>
    public static async Task<long> CommitsOfAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
