using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model.Calendar;
using Oversight.RegionDirectory.Model.Offices;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>The outcome of a routing request: the decision, or which of the two regions is unknown.</summary>
public sealed record RoutingLookup(RoutingDecision? Decision, string? UnknownRegionCode);

/// <summary>Loads what <see cref="ComplaintRouter"/> needs in one connection and caches its answer.</summary>
public sealed class CachedComplaintRouter(NpgsqlDataSource dataSource, OfficeCache cache)
{
    // The region itself at depth 0, then each parent; bounded in case the data ever holds a cycle.
    private const string ChainSql = """
        WITH RECURSIVE up AS (
            SELECT code, parent_code, 0 AS depth FROM regions WHERE code = @code
            UNION ALL
            SELECT r.code, r.parent_code, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent_code
            WHERE up.depth < 16
        )
        SELECT code FROM up ORDER BY depth
        """;

    private const string OfficesSql = $"SELECT {OfficeRow.Columns} FROM offices WHERE region_code = ANY(@codes) OR region_code IS NULL";

    private const string OfficialsSql = $"SELECT {OfficialRow.Columns} FROM officials WHERE region_code = ANY(@codes)";

    public async Task<RoutingLookup> RouteAsync(string regionCode, string employingRegionCode, DateOnly date, CancellationToken cancellationToken)
    {
        string? unknown = null;
        var name = $"routing:{regionCode}:{employingRegionCode}:{IndonesianTime.Format(date)}";
        var decision = await cache.GetOrLoadAsync(name, OfficeCacheScopes.OfRouting(regionCode, employingRegionCode), async () =>
        {
            var (input, unknownCode) = await LoadAsync(regionCode, employingRegionCode, date, cancellationToken);
            unknown = unknownCode;
            return input is null ? null : ComplaintRouter.Route(input);
        });
        return new RoutingLookup(decision, unknown);
    }

    private async Task<(RoutingInput?, string? UnknownCode)> LoadAsync(string regionCode, string employingCode, DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot, so an admin's write between the queries cannot mix old offices with new officials.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        var chain = await ChainAsync(connection, transaction, regionCode, cancellationToken);
        if (chain.Count == 0) return (null, regionCode);
        var employingChain = employingCode == regionCode ? chain : await ChainAsync(connection, transaction, employingCode, cancellationToken);
        if (employingChain.Count == 0) return (null, employingCode);

        var codes = chain.Union(employingChain).ToArray();
        var offices = await connection.QueryAsync<OfficeRow>(new CommandDefinition(OfficesSql, new { codes }, transaction, cancellationToken: cancellationToken));
        var officials = await connection.QueryAsync<OfficialRow>(new CommandDefinition(OfficialsSql, new { codes }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        return (new RoutingInput(chain, employingChain, date,
            offices.Select(o => o.ToRecord()).ToList(), officials.Select(o => o.ToRecord()).ToList()), null);
    }

    private static async Task<IReadOnlyList<string>> ChainAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string code, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(ChainSql, new { code }, transaction, cancellationToken: cancellationToken))).ToList();
}
