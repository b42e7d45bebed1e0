namespace Oversight.ServiceDefaults.Caching;

/// <summary>
/// How long a service keeps another service's answers (the region directory's, in complaints and notifications) and
/// how it behaves while that service is down; bound from each service's own section, e.g.
/// <c>Complaints:Routing:FreshFor</c> or <c>Notifications:Directory:FreshFor</c>.
/// </summary>
public abstract class KeptAnswerSettings
{
    /// <summary>An answer younger than this is used without asking again.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>While the source is unavailable, an answer up to this old is used instead of failing.</summary>
    public TimeSpan UsableFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a call may take when a usable answer is held: a client's retries of a refused connection take seconds,
    /// longer than a caller waits, so with an answer in hand stop waiting sooner.
    /// </summary>
    public TimeSpan WaitWhenCached { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a failed call, usable answers are served without asking for this long, so an outage costs one slow call
    /// per interval rather than one per request; a key never kept still asks.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Entries per kind of answer; ~550 regions, so the bound only guards memory (0 = keep nothing).</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The rule a setting breaks, named under <paramref name="section"/>, or null when all hold.</summary>
    public string? Invalidity(string section) =>
        FreshFor < TimeSpan.Zero ? $"{section}:FreshFor: must not be negative"
        : UsableFor < FreshFor ? $"{section}:UsableFor: must be at least FreshFor ({FreshFor})"
        : WaitWhenCached <= TimeSpan.Zero ? $"{section}:WaitWhenCached: must be positive"
        : RecheckAfter < TimeSpan.Zero ? $"{section}:RecheckAfter: must not be negative"
        : MaxEntries < 0 ? $"{section}:MaxEntries: must not be negative"
        : null;
}
