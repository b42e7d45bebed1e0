using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Oversight.RegionDirectory.Infrastructure.Sites;

/// <summary>
/// A site's copy is not ready until it holds one snapshot of the centre's directory: before that it has neither the
/// centre's offices nor the keys of the centre's tokens. Once it has one (kept in its database, so across restarts) it
/// is ready whatever the link does; how far behind it is shows on the site's link, not here.
/// </summary>
public sealed class DirectoryCopyHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private volatile bool _held;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_held)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            _held = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM directory_copy_state)", cancellationToken: cancellationToken));
        }
        return _held
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("no snapshot of the centre's directory yet: it comes over the link to the centre");
    }
}
