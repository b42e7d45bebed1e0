using Oversight.AppHost.Commands;
using Oversight.Contracts;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.AppHost;

/// <summary>
/// Regional sites (<c>--site 52</c>, issue 20): for a province, a PostgreSQL, Redis and RabbitMQ of its own, a read-only
/// copy of the region directory kept by the centre's snapshots, and a complaints service that takes that province's
/// complaints there, numbering and storing them locally. The site's
/// events reach the national centre through RabbitMQ's shovel (store-and-forward): every event exchange at the site is
/// bound to one durable queue, <see cref="SiteLink.OutboundQueue"/>, which a shovel empties into the centre's headers exchange
/// <see cref="SiteLink.InboundExchange"/>, removing each message only once the centre's broker confirmed it. One queue and one
/// link keep a complaint's events in order; while the link is cut the queue keeps them. At the centre the headers
/// exchange hands each message to the exchange of its type (the outbox relay's <see cref="EventHeaders.Type"/> header), where
/// the centre's consumers and integrators bind as for local events. The directory's snapshots go the other way, through a
/// queue at the centre per site and a shovel of the centre's (docs/architecture.md, "Regional sites").
/// </summary>
internal static class RegionalSites
{
    /// <summary>The configuration the option fills: the provinces, in order.</summary>
    public const string Section = "Oversight:Sites";

    /// <summary>"--site 52" as configuration: the next index of the list.</summary>
    public static string ToSetting(string province, int index) => $"--{Section}:{index}={province}";

    /// <summary>
    /// Each forwarded message type's stable name and its exchange: all the site's events but RegionDirectoryChanged,
    /// which at a site only its directory copy announces, for the site's own caches, about a change the centre made.
    /// </summary>
    private static IEnumerable<(string Type, string Exchange)> Forwarded() =>
        IntegrationEventTypes.All.Where(type => type != typeof(RegionDirectoryChanged))
            .Select(type => (IntegrationEventTypes.NameOf(type), IntegrationEventTypes.ExchangeOf(type)))
            .Append((PrivateMessageTypes.NameOf(typeof(ReporterStatusNotice)), ReporterStatusNotice.ExchangeName))
            .OrderBy(f => f.Item1, StringComparer.Ordinal);

    public static IDistributedApplicationBuilder AddRegionalSites(this IDistributedApplicationBuilder builder,
        IResourceBuilder<RabbitMQServerResource> centre, IResourceBuilder<ProjectResource> regionDirectory,
        IResourceBuilder<ProjectResource> centreComplaints)
    {
        var provinces = builder.Configuration.GetSection(Section).GetChildren().Select(c => c.Value ?? "").ToList();
        if (provinces.Count == 0) return builder;
        // The centre takes every province but these (SiteJurisdiction).
        centreComplaints.WithEnvironment("Complaints__Sites__Elsewhere", string.Join(",", provinces));
        centre.WithExchange(SiteLink.InboundExchange, "headers");
        foreach (var (type, exchange) in Forwarded())
        {
            centre.WithExchange(exchange, "fanout")
                .WithBinding(SiteLink.InboundExchange, exchange, "exchange", new Dictionary<string, string> { ["x-match"] = "all", [EventHeaders.Type] = type });
        }
        foreach (var province in provinces) builder.AddSite(province, centre, regionDirectory, centreComplaints);
        return builder;
    }

    private static void AddSite(this IDistributedApplicationBuilder builder, string province,
        IResourceBuilder<RabbitMQServerResource> centre, IResourceBuilder<ProjectResource> regionDirectory,
        IResourceBuilder<ProjectResource> centreComplaints)
    {
        if (province.Length != 2 || !province.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"--site {province}: a site is named by its province's two-digit code (e.g. 52 for Nusa Tenggara Barat).");
        }
        var site = $"site-{province}";
        var postgres = builder.AddPostgres($"{site}-postgres");
        var complaintsDb = postgres.AddDatabase($"{site}-complaintsdb", "complaintsdb");
        var directoryDb = postgres.AddDatabase($"{site}-directorydb", "directorydb");
        var cache = builder.AddRedis($"{site}-cache");
        var messaging = builder.AddRabbitMQ($"{site}-messaging")
            .WithEndpointLink("management", $"RabbitMQ management (site {province}: the link's queues and shovels)")
            .WithQueue(SiteLink.OutboundQueue)
            .WithShovel($"{site}-to-centre", SiteLink.OutboundQueue, centre, SiteLink.InboundExchange);
        foreach (var (_, exchange) in Forwarded())
        {
            messaging.WithExchange(exchange, "fanout").WithBinding(exchange, SiteLink.OutboundQueue, "queue");
        }

        // The other way: the centre's directory snapshots wait in a queue of the centre's for this site, and a shovel
        // there hands them to the site's copy of the directory.
        var snapshots = SiteLink.SnapshotsQueueFor(province);
        messaging.WithExchange(DirectorySnapshot.ExchangeName, "fanout")
            .WithQueue(SiteLink.DirectoryCopyQueue)
            .WithBinding(DirectorySnapshot.ExchangeName, SiteLink.DirectoryCopyQueue, "queue");
        centre.WithExchange(DirectorySnapshot.ExchangeName, "fanout")
            .WithQueue(snapshots)
            .WithBinding(DirectorySnapshot.ExchangeName, snapshots, "queue")
            .WithShovel($"centre-to-{site}", snapshots, messaging, DirectorySnapshot.ExchangeName);

        var directory = builder.AddProject<Projects.Oversight_RegionDirectory>($"{site}-region-directory")
            .WithPortsPickedAtStart()
            .WithServiceHealthCheck()
            .WithReference(directoryDb, "directorydb").WaitFor(directoryDb)
            .WithReference(cache, "cache").WaitFor(cache)
            .WithReference(messaging, "messaging").WaitFor(messaging)
            .WithEnvironment("RegionDirectory__Copy__Site", province)
            .WithEnvironment("RegionDirectory__Copy__Centre",
                ReferenceExpression.Create($"the national centre's region directory ({regionDirectory.GetEndpoint("grpc")})"));

        var complaints = builder.AddProject<Projects.Oversight_Complaints>($"{site}-complaints")
            .WithPortsPickedAtStart()
            .WithServiceHealthCheck()
            .WithReference(complaintsDb, "complaintsdb").WaitFor(complaintsDb)
            .WithReference(cache, "cache").WaitFor(cache)
            .WithReference(messaging, "messaging").WaitFor(messaging)
            // The site's copy, under the name the service looks for: routing and token keys without the centre.
            .WithReference(directory, "region-directory").WaitFor(directory)
            .WithReporterIdentityKey()
            .WithEnvironment("Complaints__Sites__Province", province)
            .WithAdminCommands(AdminCommand.ShowOutboxBacklog);
        // The centre hands a call about one of the site's complaints to the site (SiteForwardingInterceptor): a reference
        // without waiting, since nothing at the centre waits for a site.
        centreComplaints.WithReference(complaints);
    }

    // The ports of a project's settings are the centre's service's: a site's are picked at start.
    private static IResourceBuilder<ProjectResource> WithPortsPickedAtStart(this IResourceBuilder<ProjectResource> service) =>
        service.WithEndpoint("http", endpoint => endpoint.Port = null)
            .WithEndpoint("grpc", endpoint => endpoint.Port = null);
}
