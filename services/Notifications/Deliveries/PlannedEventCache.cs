using StackExchange.Redis;

namespace Oversight.Notifications.Deliveries;

/// <summary>
/// Redis fast path for "this event was already planned": a redelivered event skips the database and directory
/// look-ups. Optional: Redis down only means the slower PostgreSQL check (and the unique key still decides).
/// </summary>
public sealed class PlannedEventCache(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<PlannedEventCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly string _prefix = configuration["Notifications:CacheKeyPrefix"] ?? "notifications:";

    public async Task<bool> IsPlannedAsync(Guid eventId)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(Key(eventId)).WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Redis unavailable for the planned-event check: {Reason}", ex.GetType().Name);
            return false;
        }
    }

    public async Task MarkPlannedAsync(Guid eventId)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(eventId), 1, Lifetime).WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Redis unavailable to mark an event planned: {Reason}", ex.GetType().Name);
        }
    }

    private RedisKey Key(Guid eventId) => $"{_prefix}planned:{eventId:N}";
}
