using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>
/// Read-through cache of office lists and routing answers in Redis, keyed by generation counters
/// (<see cref="OfficeCacheScopes"/>): a write bumps the counters of what it touched, which makes every
/// dependent entry unreachable at once, with no key scan; the old entries expire by TTL. Bumping after the
/// commit also closes the race where a reader caches what it read just before the write.
/// Like <see cref="RegionCache"/>, Redis is only an accelerator: when it fails, reads go to PostgreSQL.
/// </summary>
public sealed class OfficeCache(IConnectionMultiplexer redis, IOptions<RegionCacheOptions> options, ILogger<OfficeCache> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RegionCacheOptions _options = options.Value;
    private readonly BestEffortRedis _redis = new(redis, logger, "office cache", "reading from PostgreSQL");

    private RedisKey GenerationKey(string scope) => $"{_options.CacheKeyPrefix}gen:{scope}";

    /// <summary>The cached value for (<paramref name="name"/>, current generations of <paramref name="scopes"/>), or <paramref name="load"/>'s. Nulls are not cached.</summary>
    public async Task<T?> GetOrLoadAsync<T>(string name, IReadOnlyList<string> scopes, Func<Task<T?>> load) where T : class
    {
        var key = await KeyAsync(name, scopes);
        if (key is { } k && await _redis.TryAsync(db => db.StringGetAsync(k)) is { HasValue: true } cached)
        {
            return JsonSerializer.Deserialize<T>(cached.ToString(), Json);
        }

        var value = await load();
        if (value is not null && key is { } target)
        {
            await _redis.TryAsync(db => db.StringSetAsync(target, JsonSerializer.Serialize(value, Json), _options.CacheTtl));
        }
        return value;
    }

    /// <summary>Makes every entry depending on these scopes unreachable. A failure is logged; entries then expire by TTL.</summary>
    public async Task InvalidateAsync(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes)
        {
            await _redis.TryAsync(db => db.StringIncrementAsync(GenerationKey(scope)));
        }
    }

    // Null when Redis is unusable: the caller then neither reads nor writes the cache.
    private async Task<RedisKey?> KeyAsync(string name, IReadOnlyList<string> scopes)
    {
        var generations = await _redis.TryAsync(db => db.StringGetAsync(scopes.Select(GenerationKey).ToArray()));
        if (generations is null) return null;
        var versions = scopes.Zip(generations, (scope, gen) => $"{scope}@{(gen.HasValue ? gen.ToString() : "0")}");
        return (RedisKey)$"{_options.CacheKeyPrefix}{name}#{string.Join(',', versions)}";
    }
}
