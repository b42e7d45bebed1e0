using Dapper;
using Npgsql;

namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>The office clients in PostgreSQL.</summary>
public sealed class OfficeClientStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        client_id AS ClientId, display_name AS DisplayName, region_code AS RegionCode, office_id AS OfficeId,
        roles AS Roles, secret_hash AS SecretHash, created_at AS CreatedAt, revoked_at AS RevokedAt
        """;

    /// <summary>Inserts the client; false when the id exists already (then nothing changes).</summary>
    public async Task<bool> AddAsync(string clientId, string displayName, string regionCode, string? officeId,
        IReadOnlyList<string> roles, string secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO office_clients (client_id, display_name, region_code, office_id, roles, secret_hash)
            VALUES (@clientId, @displayName, @regionCode, @officeId, @roles, @secretHash)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new { clientId, displayName, regionCode, officeId, roles = roles.ToArray(), secretHash },
            cancellationToken: cancellationToken));
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
    public async Task<OfficeClientRecord?> RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfficeClientRecord>(new CommandDefinition(
            $"UPDATE office_clients SET revoked_at = coalesce(revoked_at, now()) WHERE client_id = @clientId RETURNING {Columns}",
            new { clientId }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the secret hash of a client that is not revoked; false when there is no such client.</summary>
    public async Task<bool> ReplaceSecretAsync(string clientId, string secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE office_clients SET secret_hash = @secretHash, secret_changed_at = now() WHERE client_id = @clientId AND revoked_at IS NULL",
            new { clientId, secretHash }, cancellationToken: cancellationToken));
        return changed == 1;
    }
}
