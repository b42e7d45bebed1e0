using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.RegionDirectory.Model;
using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.RegionDirectory.Infrastructure.Caching;

/// <summary>
/// Read-through cache of single regions in Redis. Redis is an accelerator here, not a store: when it
/// fails, reads go to PostgreSQL and the failure is logged (once per outage, not per request).
/// </summary>
public sealed class RegionCache(IConnectionMultiplexer redis, IOptions<RegionCacheOptions> options, ILogger<RegionCache> logger)
{
    private readonly RegionCacheOptions _options = options.Value;
    private readonly BestEffortRedis _redis = new(redis, logger, "cache", "reading from PostgreSQL");

    private RedisKey Key(string code) => $"{_options.CacheKeyPrefix}region:{code}";

    /// <summary>The region from the cache, or from <paramref name="load"/> (and then cached). Missing regions are not cached.</summary>
    public async Task<RegionRecord?> GetOrLoadAsync(string code, Func<Task<RegionRecord?>> load)
    {
        var cached = await _redis.TryAsync(db => db.StringGetAsync(Key(code)));
        if (cached is { HasValue: true } value) return JsonSerializer.Deserialize<RegionRecord>(value.ToString());

        var region = await load();
        if (region is not null)
        {
            await _redis.TryAsync(db => db.StringSetAsync(Key(code), JsonSerializer.Serialize(region), _options.CacheTtl));
        }
        return region;
    }

    /// <summary>Drops the cached entries of changed regions. A failure is logged; entries then expire by TTL.</summary>
    public async Task InvalidateAsync(IEnumerable<string> codes)
    {
        var keys = codes.Select(Key).ToArray();
        if (keys.Length > 0) await _redis.TryAsync(db => db.KeyDeleteAsync(keys));
    }
}
