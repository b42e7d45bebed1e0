using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;
using Oversight.Messaging.Outbox;
using Oversight.RegionDirectory.Infrastructure.Credentials;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model;

namespace Oversight.RegionDirectory.Infrastructure.Sites;

/// <summary>
/// The centre's side of the sites' directory copies: every directory write runs here, one at a time, and announces
/// itself with its <see cref="RegionDirectoryChanged"/> event and a <see cref="DirectorySnapshot"/> of the whole directory
/// as the write left it, both in the write's transaction (the outbox); an office client's write, the snapshot alone. RabbitMQ carries the snapshot to each site
/// (a queue and a shovel per site, declared by the AppHost), where <see cref="DirectoryCopyStore"/> applies it.
/// Without sites the snapshot reaches no queue and is dropped by the broker.
/// </summary>
public sealed class DirectorySnapshots(NpgsqlDataSource dataSource, TransactionalOutbox outbox, IOptions<DirectoryCopyOptions> copy)
{
    // Serializes the directory's writes (they are an administrator's, a few a day), so that each snapshot holds exactly
    // the writes before it and the snapshots' versions follow the order of the commits.
    private const long WriteLock = 4815162342000002;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A directory write: one transaction, the directory's write lock held from its start.</summary>
    public Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        outbox.InTransactionAsync(dataSource, async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@WriteLock)", new { WriteLock }, transaction,
                cancellationToken: cancellationToken));
            return await work(connection, transaction);
        }, cancellationToken);

    /// <summary>The write's event, and the snapshot of the directory with the write in it, for the sites.</summary>
    public async Task AnnounceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RegionDirectoryChanged change, CancellationToken cancellationToken)
    {
        await outbox.AppendAsync(connection, transaction, change, cancellationToken);
        await AppendSnapshotAsync(connection, transaction, change, cancellationToken);
    }

    /// <summary>A write the sites need but nobody else is told of (an office client's): the snapshot alone.</summary>
    public Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        AppendSnapshotAsync(connection, transaction, change: null, cancellationToken);

    /// <summary>
    /// At the centre's start: a snapshot without a change, so that a site added since the last write, or a copy that
    /// lost its data, is brought up to date without waiting for the next write. Nothing at a copy.
    /// </summary>
    public Task SendAtStartAsync(CancellationToken cancellationToken) => copy.Value.IsCopy
        ? Task.CompletedTask
        : InTransactionAsync(async (connection, transaction) =>
        {
            await ShareAsync(connection, transaction, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task AppendSnapshotAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RegionDirectoryChanged? change, CancellationToken cancellationToken)
    {
        // A copy takes no writes but the snapshots it applies; it never sends one on.
        if (copy.Value.IsCopy) return;
        CommandDefinition Query(string sql) => new(sql, transaction: transaction, cancellationToken: cancellationToken);
        var (version, origin) = await connection.QuerySingleAsync<(long, Guid)>(
            Query("SELECT nextval('directory_snapshot_version'), (SELECT origin FROM directory_origin)"));
        var regions = await connection.QueryAsync<RegionRecord>(Query(RegionImportStore.SelectAllSql + " ORDER BY level, code"));
        var offices = await connection.QueryAsync<OfficeRow>(Query($"SELECT {OfficeRow.Columns} FROM offices ORDER BY id"));
        var officials = await connection.QueryAsync<OfficialRow>(Query($"SELECT {OfficialRow.Columns} FROM officials ORDER BY id"));
        var keys = await connection.QueryAsync<(string Kid, byte[] PrivateKey)>(Query("SELECT kid, private_key_pkcs8 FROM signing_keys"));
        var clients = await connection.QueryAsync<OfficeClientRecord>(Query($"SELECT {OfficeClientStore.Columns} FROM office_clients ORDER BY client_id"));
        var snapshot = new DirectorySnapshot
        {
            Version = version,
            Origin = origin,
            Change = change,
            Regions = JsonSerializer.SerializeToElement(regions.ToList(), Json),
            Offices = JsonSerializer.SerializeToElement(offices.Select(o => o.ToRecord()).ToList(), Json),
            Officials = JsonSerializer.SerializeToElement(officials.Select(o => o.ToRecord()).ToList(), Json),
            SigningKeys = keys.ToDictionary(k => k.Kid, k => PublicHalf(k.PrivateKey)),
            Clients = JsonSerializer.SerializeToElement(clients.ToList(), Json),
        };
        await outbox.AppendPrivateAsync(connection, transaction, snapshot.EventId, snapshot, cancellationToken);
    }

    // Only the public half leaves the centre: a copy validates the centre's tokens, it cannot sign any.
    private static byte[] PublicHalf(byte[] pkcs8)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa.ExportSubjectPublicKeyInfo();
    }
}
