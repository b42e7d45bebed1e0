namespace Oversight.Complaints.Grpc.Routing;

/// <summary>
/// How long complaints keeps the region directory's routing and campaign-status answers (section
/// <c>Complaints:Routing</c>, e.g. <c>Complaints__Routing__FreshFor=00:01:00</c>). Those answers change only when
/// the directory's data does (it then publishes <c>RegionDirectoryChanged</c>, which drops the cache), so intake can
/// keep the last good answers through a directory outage instead of going down with it.
/// </summary>
public sealed class RoutingCacheOptions
{
    public const string Section = "Complaints:Routing";

    /// <summary>An answer younger than this is used without asking the directory (two gRPC calls saved per submission).</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>While the directory is unavailable, an answer up to this old is used instead of refusing intake.</summary>
    public TimeSpan UsableFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a look-up may take when a usable answer is held: the directory's client retries a refused connection for
    /// seconds, longer than an office's call waits, so with an answer in hand the router stops waiting sooner.
    /// </summary>
    public TimeSpan WaitWhenCached { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a failed look-up, usable answers are served without asking the directory for this long, so an outage costs
    /// one slow call per interval rather than one per submission; a key never cached still asks.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Entries per kind of answer (routing, campaign status); ~550 regions, so the bound only guards memory.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The rule a setting breaks, or null when all hold (checked at start: a bad value stops the service).</summary>
    public string? Invalidity() =>
        FreshFor < TimeSpan.Zero ? $"{Section}:FreshFor: must not be negative"
        : UsableFor < FreshFor ? $"{Section}:UsableFor: must be at least FreshFor ({FreshFor})"
        : WaitWhenCached <= TimeSpan.Zero ? $"{Section}:WaitWhenCached: must be positive"
        : RecheckAfter < TimeSpan.Zero ? $"{Section}:RecheckAfter: must not be negative"
        : MaxEntries < 0 ? $"{Section}:MaxEntries: must not be negative"
        : null;
}
