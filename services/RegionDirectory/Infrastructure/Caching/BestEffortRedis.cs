using StackExchange.Redis;

namespace Oversight.RegionDirectory.Infrastructure.Caching;

/// <summary>
/// Redis as an accelerator that may be down: a command that cannot run returns <c>default</c> instead of
/// failing, so the caller goes to PostgreSQL. The outage is logged once when it starts and once when it ends,
/// not per request.
/// </summary>
public sealed class BestEffortRedis(IConnectionMultiplexer redis, ILogger logger, string cacheName)
{
    private int _failing;

    public async Task<T?> TryAsync<T>(Func<IDatabase, Task<T>> operation)
    {
        // While disconnected, a command would wait in the client's backlog for seconds; go to PostgreSQL at once.
        if (!redis.IsConnected)
        {
            MarkFailing("not connected");
            return default;
        }
        try
        {
            var result = await operation(redis.GetDatabase());
            if (Interlocked.Exchange(ref _failing, 0) == 1) logger.LogInformation("Redis {Cache} reachable again", cacheName);
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            MarkFailing(ex.Message);
            return default;
        }
    }

    private void MarkFailing(string reason)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning("Redis {Cache} unavailable, reading from PostgreSQL: {Reason}", cacheName, reason);
        }
    }
}
