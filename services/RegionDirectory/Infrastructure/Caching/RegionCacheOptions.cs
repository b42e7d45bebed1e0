namespace Oversight.RegionDirectory.Infrastructure.Caching;

public sealed class RegionCacheOptions
{
    public const string Section = "RegionDirectory";

    /// <summary>Prefix of every Redis key this service writes; tests set their own to stay isolated.</summary>
    public string CacheKeyPrefix { get; set; } = "oversight:directory:";

    /// <summary>How long a cached region lives; changes drop it sooner.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);
}
