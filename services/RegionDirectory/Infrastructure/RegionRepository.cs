using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.RegionDirectory.Model;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>Single-region reads, through the Redis cache.</summary>
public sealed class RegionRepository(NpgsqlDataSource dataSource, RegionCache cache)
{
    public Task<RegionRecord?> FindAsync(string code, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(code, () => LoadAsync(code, cancellationToken));

    private async Task<RegionRecord?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RegionRecord>(new CommandDefinition(
            "SELECT code, name, level, parent_code AS ParentCode, decree, kind FROM regions WHERE code = @code",
            new { code },
            cancellationToken: cancellationToken));
    }
}
