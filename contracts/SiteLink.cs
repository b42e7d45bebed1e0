namespace Oversight.Contracts;

/// <summary>
/// The RabbitMQ names of a regional site's link to the national centre (docs/architecture.md, "Regional sites"): the
/// site's queue every event waits in until the centre's broker confirmed it, and the centre's exchange the site's
/// shovel publishes to.
/// </summary>
public static class SiteLink
{
    public const string OutboundQueue = "oversight.to-centre";

    public const string InboundExchange = "oversight.from-sites";
}
