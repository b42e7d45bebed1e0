namespace Oversight.Contracts;

/// <summary>
/// The RabbitMQ names of a regional site's link to the national centre (docs/architecture.md, "Regional sites"): the
/// site's queue every event waits in until the centre's broker confirmed it, and the centre's exchange the site's
/// shovel publishes to; and the other way, the centre's queue of directory snapshots for each site and the site's
/// queue its copy of the directory reads them from.
/// </summary>
public static class SiteLink
{
    public const string OutboundQueue = "oversight.to-centre";

    public const string InboundExchange = "oversight.from-sites";

    /// <summary>At the centre, a site's directory snapshots (<c>DirectorySnapshot</c>) waiting for its shovel.</summary>
    public static string SnapshotsQueueFor(string province) => $"oversight.to-site-{province}";

    /// <summary>At a site, the queue its copy of the region directory applies the centre's snapshots from, one at a time.</summary>
    public const string DirectoryCopyQueue = "region-directory-copy";
}
