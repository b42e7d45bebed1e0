using Oversight.Contracts.Complaints;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Complaints.Grpc;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Deadlines;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Complaints.Infrastructure.Queries;
using Oversight.Contracts.RegionDirectory;
using Oversight.Complaints.IntegrationEvents.EventHandling;
using Oversight.Complaints.Infrastructure.Sites;
using Oversight.Complaints.Grpc.Sites;
using Grpc.AspNetCore.Server;

namespace Oversight.Complaints.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDataSource("complaintsdb");
        // Events are published through the outbox relay. The one consumer drops the routing cache when the directory
        // changes, on a temporary queue per process (every instance must drop its own cache). Degraded, not Unhealthy,
        // when the broker is down: intake needs neither the broker nor the event (answers expire after FreshFor anyway).
        builder.AddRabbitMqMessaging("messaging", bus =>
            bus.AddConsumer<RoutingCacheInvalidation>().Endpoint(EveryInstance.OnQueueOfItsOwn), HealthStatus.Degraded);
        builder.AddTransactionalOutbox();
        // The fast path of idempotent submissions; optional (the database decides without it), so Degraded when down.
        builder.AddRedisConnection("cache", HealthStatus.Degraded);
        builder.AddComplaintDeadlines();
        // Reporter identities sealed with the configured key ring (validated here: a bad key stops the start), and the audit trail.
        builder.AddReporterPrivacy();
        builder.AddAuditTrail();
        builder.AddDefaultGrpc(ComplaintsReflection.Descriptor, ComplaintQueriesReflection.Descriptor);
        // Office tokens from the region directory, validated against its JWKS (fetched through service discovery).
        builder.AddOfficeAuthentication();
        // Per-client limit on intake (Complaints:RateLimit:PermitsPerMinute); app.UseRateLimiter() after authentication.
        builder.AddIntakeRateLimit();
        // Tries of the reporter's status read, per tracking code and per address (Complaints:Tracking).
        builder.Services.AddSingleton<TrackingGuard>();
        // The provinces this service takes, with regional sites (Complaints:Sites); at a site, its link to the centre watched.
        builder.Services.AddSingleton<SiteJurisdiction>();
        builder.AddSiteForwarding();
        if (SiteJurisdiction.IsSite(builder.Configuration))
        {
            builder.Services.AddSingleton<SiteLinkMonitor>();
            builder.Services.AddHostedService(services => services.GetRequiredService<SiteLinkMonitor>());
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("site-link",
                services => services.GetRequiredService<SiteLinkMonitor>(), HealthStatus.Degraded, ["ready"]));
        }

        builder.Services.AddGrpcClient<RegionDirectory.RegionDirectoryClient>(o => o.Address = new Uri("http://_grpc.region-directory"));
        builder.AddWarmupStep<DirectoryWarmup>();

        builder.Services.AddSingleton<ComplaintRecords>();
        builder.Services.AddSingleton<ReporterStatusNotices>();
        builder.Services.AddSingleton<ComplaintStore>();
        builder.Services.AddSingleton<IntakeRegistration>();
        // Last of the warm-up steps: intake's own path once, rolled back (IntakeRehearsal).
        builder.AddWarmupStep<IntakeRehearsal>();
        builder.Services.AddSingleton<ComplaintTransitionStore>();
        builder.Services.AddSingleton<ComplaintQueryStore>();
        builder.Services.AddSingleton<IdempotencyCache>();
        builder.Services.AddScoped<HandlingOfficeRouter>();
        builder.AddRoutingCache();
    }

    /// <summary>
    /// At the centre with regional sites: a call about a complaint the centre does not hold goes to the site that owns
    /// it (SiteForwardingInterceptor), through a client per site.
    /// </summary>
    private static void AddSiteForwarding(this IHostApplicationBuilder builder)
    {
        var sites = new SiteJurisdiction(builder.Configuration).Elsewhere;
        if (sites.Count == 0) return;
        foreach (var province in sites)
        {
            builder.Services.AddGrpcClient<SiteComplaintsClient>(SiteComplaintsClient.NameFor(province), o => o.Address = SiteComplaintsClient.AddressOf(province));
        }
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<SiteForwardingInterceptor>());
    }

    /// <summary>
    /// The middleware and every endpoint of the service, in one place so that a test can list them and check that
    /// each is either declared anonymous or falls under the deny-by-default policy (docs/security.md).
    /// </summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UseRateLimiter();
        app.MapDefaultEndpoints();
        app.MapGrpcService<ComplaintsService>();
        app.MapGrpcService<ComplaintQueriesService>();
        return app;
    }
}
