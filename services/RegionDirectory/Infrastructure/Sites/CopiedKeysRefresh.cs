using Npgsql;
using Oversight.RegionDirectory.Infrastructure.Credentials;

namespace Oversight.RegionDirectory.Infrastructure.Sites;

/// <summary>
/// At a site's copy with several instances: one applies a snapshot and reloads the centre's keys at once; the others
/// reload them here, every minute. The centre adds a key rarely (a new one at its first start, or after a rotation).
/// </summary>
public sealed class CopiedKeysRefresh(SigningKeyStore keys, ILogger<CopiedKeysRefresh> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.LoadCopiedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("The centre's keys not reloaded (database unreachable, next try in a minute): {Reason}", ex.Message);
            }
        }
    }
}
