using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Contracts.PrivateMessages;
using Oversight.Messaging.Outbox;
using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.RegionDirectory.Infrastructure.Credentials;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.RegionDirectory.Infrastructure.Sites;

/// <summary>
/// A site's copy of the directory takes the centre's <see cref="DirectorySnapshot"/>: in one transaction its offices,
/// officials and its province's office clients become the snapshot's, its regions are added or updated (an import never
/// removes one), the centre's public keys replace the ones it had, and the change that caused the snapshot is announced at the site through the
/// outbox, so the site's complaints service drops its routing answers once the copy can give the new ones. A snapshot
/// no newer than the one held is skipped: a redelivered or late one changes nothing (<see cref="Judge"/>).
/// </summary>
public sealed class DirectoryCopyStore(NpgsqlDataSource dataSource, TransactionalOutbox outbox, RegionCache regions, OfficeCache offices,
    SigningKeyStore keys, IOptions<DirectoryCopyOptions> options)
{
    private const string InsertClientSql = """
        INSERT INTO office_clients (client_id, display_name, region_code, office_id, roles, secret_hash, created_at, revoked_at)
        VALUES (@ClientId, @DisplayName, @RegionCode, @OfficeId, @Roles, @SecretHash, @CreatedAt, @RevokedAt)
        """;

    /// <summary>The clients a copy keeps: its province's offices' (a national client signs in at the centre).</summary>
    public static bool IsOfProvince(OfficeClientRecord client, string province) =>
        client.RegionCode == province || client.RegionCode.StartsWith(province + ".", StringComparison.Ordinal);

    /// <summary>
    /// Whether a snapshot replaces the one held: any snapshot over none; of the same origin only a newer one; of another
    /// origin always, since versions count within one centre database and one made again starts again at 1 (the queue
    /// brings the old database's snapshots before the new one's, so the last word is the new one's).
    /// </summary>
    public static SnapshotVerdict Judge(long version, Guid origin, long? heldVersion, Guid? heldOrigin) =>
        heldVersion is null ? SnapshotVerdict.Newer
        : heldOrigin != origin ? SnapshotVerdict.OtherOrigin
        : version > heldVersion ? SnapshotVerdict.Newer
        : SnapshotVerdict.NotNewer;

    /// <summary>Applies the snapshot unless <see cref="Judge"/> says the copy holds it or a newer one; what it judged.</summary>
    public async Task<SnapshotVerdict> ApplyAsync(DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var regionRows = snapshot.Regions.Deserialize<List<RegionRecord>>(DirectorySnapshots.Json) ?? [];
        var officeRows = snapshot.Offices.Deserialize<List<OfficeRecord>>(DirectorySnapshots.Json) ?? [];
        var officialRows = snapshot.Officials.Deserialize<List<OfficialRecord>>(DirectorySnapshots.Json) ?? [];
        var province = options.Value.Site;
        var clientRows = (snapshot.Clients.Deserialize<List<OfficeClientRecord>>(DirectorySnapshots.Json) ?? [])
            .Where(client => IsOfProvince(client, province)).ToList();
        var verdict = await outbox.InTransactionAsync(dataSource, async (connection, transaction) =>
        {
            CommandDefinition Command(string sql, object? parameters = null) => new(sql, parameters, transaction, cancellationToken: cancellationToken);
            var held = await connection.QuerySingleOrDefaultAsync<HeldSnapshot>(
                Command("SELECT version, origin FROM directory_copy_state FOR UPDATE"));
            var verdict = Judge(snapshot.Version, snapshot.Origin, held?.Version, held?.Origin);
            if (verdict == SnapshotVerdict.NotNewer) return verdict;

            await connection.ExecuteAsync(Command(RegionImportStore.UpsertSql, regionRows
                .OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal)
                .Select(r => new { r.Code, r.Name, Level = (short)r.Level, r.ParentCode, r.Decree, r.Kind })));
            await connection.ExecuteAsync(Command("DELETE FROM officials; DELETE FROM offices; DELETE FROM copied_signing_keys; DELETE FROM office_clients"));
            await connection.ExecuteAsync(Command(OfficeSql.UpsertOffice, officeRows.Select(OfficeRow.Parameters)));
            await connection.ExecuteAsync(Command(OfficeSql.UpsertOfficial, officialRows.Select(OfficialRow.Parameters)));
            await connection.ExecuteAsync(Command(InsertClientSql, clientRows));
            await connection.ExecuteAsync(Command("INSERT INTO copied_signing_keys (kid, public_key) VALUES (@Key, @Value)",
                snapshot.SigningKeys.Select(k => new { k.Key, k.Value })));
            await connection.ExecuteAsync(Command("""
                INSERT INTO directory_copy_state (version, origin) VALUES (@Version, @Origin)
                ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version, origin = EXCLUDED.origin, applied_at = now()
                """, new { snapshot.Version, snapshot.Origin }));
            if (snapshot.Change is { } change) await outbox.AppendAsync(connection, transaction, change, cancellationToken);
            return verdict;
        }, cancellationToken);
        if (verdict == SnapshotVerdict.NotNewer) return verdict;

        // After the commit, like the centre's own writes: every cached answer may have changed.
        await keys.LoadCopiedAsync(cancellationToken);
        await regions.InvalidateAsync(regionRows.Select(r => r.Code));
        await offices.InvalidateAsync(OfficeCacheScopes.TouchedBy(regionRows.Select(r => (string?)r.Code).Append(null)));
        return verdict;
    }

    private sealed record HeldSnapshot(long Version, Guid? Origin);
}

/// <summary>What a copy made of a snapshot (<see cref="DirectoryCopyStore.Judge"/>).</summary>
public enum SnapshotVerdict
{
    /// <summary>Applied: the first, or newer than the one held.</summary>
    Newer,

    /// <summary>Applied: from another centre database than the one held.</summary>
    OtherOrigin,

    /// <summary>Skipped: the copy holds it or a newer one.</summary>
    NotNewer,
}
