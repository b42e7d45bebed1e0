using Oversight.ServiceDefaults.Caching;

namespace Oversight.Complaints.Infrastructure.Routing;

/// <summary>
/// How long complaints keeps the region directory's routing and campaign-status answers (section
/// <c>Complaints:Routing</c>, e.g. <c>Complaints__Routing__FreshFor=00:01:00</c>). Those answers change only when
/// the directory's data does (it then publishes <c>RegionDirectoryChanged</c>, which drops the cache), so intake can
/// keep the last good answers through a directory outage instead of going down with it. A fresh answer saves two gRPC
/// calls per submission.
/// </summary>
public sealed class RoutingCacheOptions : KeptAnswerSettings
{
    public const string Section = "Complaints:Routing";

    /// <summary>
    /// An answer past <see cref="KeptAnswerSettings.FreshFor"/> by less than this is used at once while one look-up
    /// refreshes it in the background, so a busy region's calls do not all wait for the directory once a minute; an
    /// older one waits for the look-up. Zero: always wait.
    /// </summary>
    public TimeSpan ServeWhileRefreshing { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the answers shared by the instances live in Redis (<see cref="SharedRoutingAnswers"/>): this prefix and
    /// <c>routes</c> / <c>campaigns</c>. Systems sharing one Redis (the integration tests) each set their own.
    /// </summary>
    public string SharedKeyPrefix { get; set; } = "oversight:complaints:routing:";

    /// <summary>The rule a setting breaks, or null when all hold (checked at start: a bad value stops the service).</summary>
    public string? Invalidity() =>
        ServeWhileRefreshing < TimeSpan.Zero ? $"{Section}:ServeWhileRefreshing: must not be negative" : Invalidity(Section);
}
