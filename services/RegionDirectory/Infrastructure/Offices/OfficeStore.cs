using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model.Offices;
using Oversight.RegionDirectory.Infrastructure.Sites;
using Oversight.RegionDirectory.IntegrationEvents.Events;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

public enum WriteOutcome
{
    Written,
    /// <summary>The record's region_code names no region; nothing was written.</summary>
    UnknownRegion,
    /// <summary>Delete of an id that does not exist.</summary>
    NotFound,
}

/// <summary>
/// Admin writes of offices and officials. Each write is one method with one connection and one transaction,
/// with its <c>RegionDirectoryChanged</c> event and the directory's snapshot for the sites in the outbox; the cache is invalidated after the commit.
/// </summary>
public sealed class OfficeStore(OfficeCache cache, DirectorySnapshots snapshots)
{
    // The region it had before, to invalidate answers there too when an office moves; locked against a concurrent write.
    private const string PreviousOfficeRegionSql = "SELECT region_code AS RegionCode FROM offices WHERE id = @Id FOR UPDATE";
    private const string PreviousOfficialRegionSql = "SELECT region_code FROM officials WHERE id = @Id FOR UPDATE";
    private const string Office = "office";
    private const string Official = "official";

    /// <param name="authorizeExisting">
    /// Called with the region an existing office has now (null for national), inside the transaction and with the
    /// row locked: it throws to refuse, so that a caller may not move an office it could not edit where it is.
    /// </param>
    public Task<WriteOutcome> UpsertOfficeAsync(OfficeRecord office, Action<string?> authorizeExisting, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            if (office.RegionCode is { } code && !await OfficeQueries.RegionExistsAsync(connection, code, cancellationToken, transaction))
            {
                return Refused(WriteOutcome.UnknownRegion);
            }
            var previous = await connection.QueryFirstOrDefaultAsync<StoredRegion>(new CommandDefinition(
                PreviousOfficeRegionSql, new { office.Id }, transaction, cancellationToken: cancellationToken));
            if (previous is not null) authorizeExisting(previous.RegionCode);
            await connection.ExecuteAsync(new CommandDefinition(OfficeSql.UpsertOffice, OfficeRow.Parameters(office), transaction, cancellationToken: cancellationToken));
            var change = previous is null
                ? DirectoryChangeEvents.ForOffice(Office, "added", office.Id, office.Name, office.RegionCode)
                : DirectoryChangeEvents.ForOffice(Office, "changed", office.Id, office.Name, office.RegionCode, previous.RegionCode);
            await snapshots.AnnounceAsync(connection, transaction, change, cancellationToken);
            return Written(previous is null ? [office.RegionCode] : [office.RegionCode, previous.RegionCode]);
        }, cancellationToken);

    /// <param name="authorizeExisting">Called with the office's region (null for national) before it is deleted; throws to refuse.</param>
    public Task<WriteOutcome> DeleteOfficeAsync(Guid id, Action<string?> authorizeExisting, CancellationToken cancellationToken) =>
        DeleteAsync("offices", Office, id, authorizeExisting, cancellationToken);

    /// <param name="authorizeExisting">As for offices: called with an existing official's region; throws to refuse.</param>
    public Task<WriteOutcome> UpsertOfficialAsync(OfficialRecord official, Action<string?> authorizeExisting, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            if (!await OfficeQueries.RegionExistsAsync(connection, official.RegionCode, cancellationToken, transaction))
            {
                return Refused(WriteOutcome.UnknownRegion);
            }
            var previousRegion = await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
                PreviousOfficialRegionSql, new { official.Id }, transaction, cancellationToken: cancellationToken));
            if (previousRegion is not null) authorizeExisting(previousRegion);
            await connection.ExecuteAsync(new CommandDefinition(OfficeSql.UpsertOfficial, OfficialRow.Parameters(official), transaction, cancellationToken: cancellationToken));
            var change = previousRegion is null
                ? DirectoryChangeEvents.ForOffice(Official, "added", official.Id, official.Name, official.RegionCode)
                : DirectoryChangeEvents.ForOffice(Official, "changed", official.Id, official.Name, official.RegionCode, previousRegion);
            await snapshots.AnnounceAsync(connection, transaction, change, cancellationToken);
            return Written(previousRegion is null ? [official.RegionCode] : [official.RegionCode, previousRegion]);
        }, cancellationToken);

    /// <param name="authorizeExisting">Called with the official's region before it is deleted; throws to refuse.</param>
    public Task<WriteOutcome> DeleteOfficialAsync(Guid id, Action<string?> authorizeExisting, CancellationToken cancellationToken) =>
        DeleteAsync("officials", Official, id, authorizeExisting, cancellationToken);

    // An office or an official: the row locked, the caller's check on its region, the delete and its event.
    private Task<WriteOutcome> DeleteAsync(string table, string entity, Guid id, Action<string?> authorizeExisting, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var deleted = await connection.QueryFirstOrDefaultAsync<StoredRegion>(new CommandDefinition(
                $"SELECT region_code AS RegionCode, name AS Name FROM {table} WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
            if (deleted is null) return Refused(WriteOutcome.NotFound);
            authorizeExisting(deleted.RegionCode);
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            await snapshots.AnnounceAsync(connection, transaction, DirectoryChangeEvents.ForOffice(entity, "removed", id, deleted.Name, deleted.RegionCode), cancellationToken);
            return Written([deleted.RegionCode]);
        }, cancellationToken);

    /// <summary>The regions whose cached answers a committed write touched (null entries: national offices).</summary>
    private sealed record Write(WriteOutcome Outcome, IReadOnlyList<string?> Touched);

    private static Write Refused(WriteOutcome outcome) => new(outcome, []);

    private static Write Written(IReadOnlyList<string?> touched) => new(WriteOutcome.Written, touched);

    // One transaction with its event in the outbox; the cache entries are dropped after the commit, never before it.
    private async Task<WriteOutcome> WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<Write>> work, CancellationToken cancellationToken)
    {
        var write = await snapshots.InTransactionAsync(work, cancellationToken);
        if (write.Outcome == WriteOutcome.Written) await cache.InvalidateAsync(OfficeCacheScopes.TouchedBy(write.Touched));
        return write.Outcome;
    }

    // A row, so "no such office" (null) differs from "a national office" (RegionCode null).
    private sealed class StoredRegion
    {
        public string? RegionCode { get; set; }
        public string Name { get; set; } = "";
    }
}
