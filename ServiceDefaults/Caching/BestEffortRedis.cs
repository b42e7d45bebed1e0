using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Oversight.ServiceDefaults.Caching;

/// <summary>
/// Redis as an accelerator that may be down: a command that cannot run (not connected, a Redis error, slower than the
/// timeout) yields <c>default</c> instead of failing, and the caller takes its slower path (PostgreSQL, the unique key
/// that decides anyway). The outage is logged once when it starts and once when it ends, not per request.
/// </summary>
/// <param name="redis">The service's Redis connection.</param>
/// <param name="logger">Where the outage's two lines go.</param>
/// <param name="use">What Redis holds here, for the log ("cache", "idempotency keys").</param>
/// <param name="fallback">What decides meanwhile, for the log ("reading from PostgreSQL").</param>
/// <param name="timeout">How long a command may take before the slower path is quicker; null: the client's own.</param>
public sealed class BestEffortRedis(IConnectionMultiplexer redis, ILogger logger, string use, string fallback, TimeSpan? timeout = null)
{
    private int _failing;

    /// <summary>The command's result, or <c>default</c> when Redis cannot answer now.</summary>
    public async Task<T?> TryAsync<T>(Func<IDatabase, Task<T>> operation)
    {
        // While disconnected, a command would wait in the client's backlog for seconds: take the slower path at once.
        if (!redis.IsConnected)
        {
            MarkFailing("not connected");
            return default;
        }
        try
        {
            var pending = operation(redis.GetDatabase());
            var result = timeout is { } limit ? await pending.WaitAsync(limit) : await pending;
            if (Interlocked.Exchange(ref _failing, 0) == 1) logger.LogInformation("Redis {Use} reachable again", use);
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            MarkFailing(ex.Message);
            return default;
        }
    }

    /// <summary>A write that may be lost (the slower path still decides): true when Redis took it.</summary>
    public async Task<bool> TryAsync(Func<IDatabase, Task> operation) =>
        await TryAsync(async database =>
        {
            await operation(database);
            return true;
        });

    private void MarkFailing(string reason)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning("Redis {Use} unavailable, {Fallback}: {Reason}", use, fallback, reason);
        }
    }
}
