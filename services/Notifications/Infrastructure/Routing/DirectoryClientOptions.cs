using Oversight.ServiceDefaults.Caching;

namespace Oversight.Notifications.Infrastructure.Routing;

/// <summary>
/// The notifications service's own client at the region directory (section <c>Notifications:Directory</c>), and how long
/// it keeps the directory's routings and office lists: while the directory is unavailable, an answer up to
/// <c>UsableFor</c> old names the recipients instead of holding every event until it is back (the same trade as the
/// complaints service's routing cache).
/// </summary>
public sealed class DirectoryClientOptions : KeptAnswerSettings
{
    public const string Section = "Notifications:Directory";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
