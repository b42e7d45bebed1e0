using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Infrastructure.Sites;

namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>
/// The office clients in PostgreSQL. Each write is a directory write (<see cref="DirectorySnapshots"/>): the regional
/// sites' copies get the clients of their province with the next snapshot, so they can issue tokens with the link cut.
/// </summary>
public sealed class OfficeClientStore(NpgsqlDataSource dataSource, DirectorySnapshots snapshots)
{
    internal const string Columns = """
        client_id AS ClientId, display_name AS DisplayName, region_code AS RegionCode, office_id AS OfficeId,
        roles AS Roles, secret_hash AS SecretHash, created_at AS CreatedAt, revoked_at AS RevokedAt
        """;

    /// <summary>Inserts the client; false when the id exists already (then nothing changes).</summary>
    public async Task<bool> AddAsync(string clientId, string displayName, string regionCode, string? officeId,
        IReadOnlyList<string> roles, string secretHash, CancellationToken cancellationToken)
    {
        var added = await WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO office_clients (client_id, display_name, region_code, office_id, roles, secret_hash)
            VALUES (@clientId, @displayName, @regionCode, @officeId, @roles, @secretHash)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new { clientId, displayName, regionCode, officeId, roles = roles.ToArray(), secretHash }, transaction,
            cancellationToken: cancellationToken)), changed => changed == 1, cancellationToken);
        return added == 1;
    }

    public async Task<OfficeClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfficeClientRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM office_clients WHERE client_id = @clientId", new { clientId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OfficeClientRecord>> ListAsync(bool includeRevoked, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OfficeClientRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM office_clients WHERE @includeRevoked OR revoked_at IS NULL ORDER BY region_code, client_id",
            new { includeRevoked }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Marks the client revoked (keeping the first revocation time); the record after, or null when unknown.</summary>
    public Task<OfficeClientRecord?> RevokeAsync(string clientId, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<OfficeClientRecord>(new CommandDefinition(
            $"UPDATE office_clients SET revoked_at = coalesce(revoked_at, now()) WHERE client_id = @clientId RETURNING {Columns}",
            new { clientId }, transaction, cancellationToken: cancellationToken)), revoked => revoked is not null, cancellationToken);

    /// <summary>Replaces the secret hash of a client that is not revoked; false when there is no such client.</summary>
    public async Task<bool> ReplaceSecretAsync(string clientId, string secretHash, CancellationToken cancellationToken)
    {
        var changed = await WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE office_clients SET secret_hash = @secretHash, secret_changed_at = now() WHERE client_id = @clientId AND revoked_at IS NULL",
            new { clientId, secretHash }, transaction, cancellationToken: cancellationToken)), changed => changed == 1, cancellationToken);
        return changed == 1;
    }

    // A write, and when it changed something, a snapshot for the sites in its transaction (a client is no region
    // directory change: no RegionDirectoryChanged event).
    private Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, Func<T, bool> changedAnything,
        CancellationToken cancellationToken) =>
        snapshots.InTransactionAsync(async (connection, transaction) =>
        {
            var result = await write(connection, transaction);
            if (changedAnything(result)) await snapshots.ShareAsync(connection, transaction, cancellationToken);
            return result;
        }, cancellationToken);
}
