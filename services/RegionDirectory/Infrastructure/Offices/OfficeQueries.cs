using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>Reads of offices and officials; office lists go through the Redis cache.</summary>
public sealed class OfficeQueries(NpgsqlDataSource dataSource, OfficeCache cache)
{
    private const string RegionExistsSql = "SELECT EXISTS (SELECT 1 FROM regions WHERE code = @code)";

    // "" is the national level: without descendants its offices (BKN), with them every office.
    private const string OfficesSql = $"""
        SELECT {OfficeRow.Columns} FROM offices
        WHERE (@code = '' AND (@tree OR region_code IS NULL))
           OR (@code <> '' AND (region_code = @code OR (@tree AND starts_with(region_code, @code || '.'))))
        ORDER BY region_code COLLATE "C" NULLS FIRST, kind, name, id
        """;

    private const string OfficialsSql = $"""
        SELECT {OfficialRow.Columns} FROM officials
        WHERE region_code = @code
          AND (@onDate::date IS NULL OR (term_start <= @onDate::date AND (term_end IS NULL OR term_end >= @onDate::date)))
        ORDER BY role, term_start, id
        """;

    /// <summary>Offices of a region (or "" for national), optionally with its subtree's; null when the region is unknown.</summary>
    public async Task<IReadOnlyList<OfficeRecord>?> ListOfficesAsync(string regionCode, bool includeDescendants, CancellationToken cancellationToken)
    {
        var name = $"offices:{(regionCode.Length == 0 ? "national" : regionCode)}{(includeDescendants ? ":tree" : "")}";
        return await cache.GetOrLoadAsync(name, OfficeCacheScopes.OfOfficeList(regionCode, includeDescendants),
            () => LoadOfficesAsync(regionCode, includeDescendants, cancellationToken));
    }

    public async Task<OfficeRecord?> FindOfficeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OfficeRow>(new CommandDefinition(
            $"SELECT {OfficeRow.Columns} FROM offices WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Officials of a region, all terms or those in office on a date; null when the region is unknown.</summary>
    public async Task<IReadOnlyList<OfficialRecord>?> ListOfficialsAsync(string regionCode, DateOnly? onDate, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await RegionExistsAsync(connection, regionCode, cancellationToken)) return null;
        var rows = await connection.QueryAsync<OfficialRow>(new CommandDefinition(
            OfficialsSql, new { code = regionCode, onDate = Dates.To(onDate) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private async Task<List<OfficeRecord>?> LoadOfficesAsync(string regionCode, bool tree, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (regionCode.Length > 0 && !await RegionExistsAsync(connection, regionCode, cancellationToken)) return null;
        var rows = await connection.QueryAsync<OfficeRow>(new CommandDefinition(
            OfficesSql, new { code = regionCode, tree }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    internal static Task<bool> RegionExistsAsync(NpgsqlConnection connection, string code, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(RegionExistsSql, new { code }, transaction, cancellationToken: cancellationToken));
}
