using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model;

namespace Oversight.RegionDirectory.Infrastructure;

public sealed class RegionRepository(NpgsqlDataSource dataSource)
{
    public async Task<RegionRecord?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RegionRecord>(new CommandDefinition(
            "SELECT code, name, level, parent_code AS ParentCode, decree, kind FROM regions WHERE code = @code",
            new { code },
            cancellationToken: cancellationToken));
    }
}
