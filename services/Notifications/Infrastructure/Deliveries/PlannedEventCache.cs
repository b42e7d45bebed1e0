using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.Notifications.Infrastructure.Deliveries;

/// <summary>
/// Redis fast path for "this event was already planned": a redelivered event skips the database and directory
/// look-ups. Optional: Redis down only means the slower PostgreSQL check (and the unique key still decides).
/// </summary>
public sealed class PlannedEventCache(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<PlannedEventCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly string _prefix = configuration["Notifications:CacheKeyPrefix"] ?? "notifications:";
    private readonly BestEffortRedis _redis = new(redis, logger, "planned-event marks",
        "PostgreSQL's unique delivery key decides", TimeSpan.FromSeconds(1));

    /// <summary>Whether the event carries the mark; null when Redis cannot say now (then PostgreSQL must be asked).</summary>
    public Task<bool?> IsPlannedAsync(Guid eventId) => _redis.TryAsync<bool?>(async db => await db.KeyExistsAsync(Key(eventId)));

    public Task MarkPlannedAsync(Guid eventId) => _redis.TryAsync(db => db.StringSetAsync(Key(eventId), 1, Lifetime));

    private RedisKey Key(Guid eventId) => $"{_prefix}planned:{eventId:N}";
}
