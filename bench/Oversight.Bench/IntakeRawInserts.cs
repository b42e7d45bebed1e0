using Npgsql;
using NpgsqlTypes;

namespace Oversight.Bench;

/// <summary>
/// The raw rate of the same PostgreSQL: one INSERT and one COMMIT per operation into a scratch table of its
/// own database, with a payload as wide as an average stored complaint row. No service, no outbox, no broker.
/// </summary>
public sealed class IntakeRawInserts(NpgsqlDataSource dataSource, int payloadBytes)
{
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS bench_raw_inserts (
            id         uuid PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            payload    text NOT NULL
        )
        """;
    private const string InsertSql = "INSERT INTO bench_raw_inserts (id, payload) VALUES ($1, $2)";

    // Hex digits, not one repeated letter: PostgreSQL would compress a run of the same character.
    private readonly string _payload = string.Concat(Enumerable.Range(0, payloadBytes / 32 + 1).Select(_ => Guid.NewGuid().ToString("N")))[..payloadBytes];

    public async Task CreateTableAsync()
    {
        await using var command = dataSource.CreateCommand(CreateSql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InsertAndCommitAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid(), NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = _payload, NpgsqlDbType = NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The average stored width in bytes of the complaints rows (heap tuple, before TOAST).</summary>
    public static async Task<int> AverageComplaintRowBytesAsync(NpgsqlDataSource complaintsDatabase)
    {
        await using var command = complaintsDatabase.CreateCommand("SELECT coalesce(avg(pg_column_size(c.*)), 0)::int FROM complaints c");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
