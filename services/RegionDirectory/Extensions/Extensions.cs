using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Apis;
using Oversight.RegionDirectory.Grpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Sites;
using Oversight.RegionDirectory.IntegrationEvents.EventHandling;
using Grpc.AspNetCore.Server;

namespace Oversight.RegionDirectory.Extensions;

public static class Extensions
{
    /// <param name="commandLine">
    /// True for a command such as <c>import-regions</c>: it needs no broker, because the events it writes
    /// stay in the outbox until the service's relay publishes them.
    /// </param>
    public static void AddApplicationServices(this IHostApplicationBuilder builder, bool commandLine = false)
    {
        builder.AddPostgresDataSource("directorydb");
        // Redis is the read cache: without it reads go to PostgreSQL, so /health reports Degraded, not Unhealthy.
        builder.AddRedisConnection("cache", HealthStatus.Degraded);
        // Changes are announced as RegionDirectoryChanged through the outbox: a broker outage delays them, loses
        // none, and does not stop look-ups, so it degrades /health rather than failing it. At a regional site the
        // directory is a read-only copy of the centre's, kept by the centre's snapshots (Infrastructure/Sites).
        builder.Services.Configure<DirectoryCopyOptions>(builder.Configuration.GetSection(DirectoryCopyOptions.Section));
        var copy = DirectoryCopyOptions.IsCopyIn(builder.Configuration);
        if (!commandLine)
        {
            builder.AddRabbitMqMessaging("messaging", copy
                ? bus => bus.AddConsumer<DirectorySnapshotConsumer>().Endpoint(DirectorySnapshotConsumer.OnTheCopyQueue)
                : null, HealthStatus.Degraded);
        }
        builder.AddTransactionalOutbox(relay: !commandLine);
        builder.Services.AddSingleton<DirectorySnapshots>();
        if (copy)
        {
            builder.Services.AddSingleton<DirectoryCopyStore>();
            builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<ReadOnlyCopyInterceptor>());
            // The consumer refreshes the centre's keys in the instance that applied a snapshot; this, in every other one.
            builder.Services.AddHostedService<CopiedKeysRefresh>();
            // A singleton, so that once it has seen a snapshot it stops asking the database.
            builder.Services.AddSingleton<DirectoryCopyHealthCheck>();
            builder.Services.AddHealthChecks().AddCheck<DirectoryCopyHealthCheck>("directory-copy", HealthStatus.Unhealthy, ["ready"]);
        }
        builder.Services.Configure<RegionCacheOptions>(builder.Configuration.GetSection(RegionCacheOptions.Section));
        builder.Services.AddSingleton<RegionCache>();
        builder.AddDefaultGrpc(RegionDirectoryReflection.Descriptor, OfficeCredentialsReflection.Descriptor);
        builder.Services.AddSingleton<RegionRepository>();
        builder.Services.AddSingleton<RegionImportStore>();
        builder.Services.AddSingleton<RegionImporter>();
        builder.Services.AddSingleton<RegionQueries>();
        builder.AddOffices();
        builder.AddOfficeCredentials();
    }

    /// <summary>
    /// The middleware and every endpoint of the service, in one place so that a test can list them and check that
    /// each is either declared anonymous or falls under the deny-by-default policy (docs/security.md).
    /// </summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapGrpcService<RegionDirectoryService>();
        app.MapGrpcService<OfficeCredentialsService>();
        app.MapOfficeTokenEndpoints();
        return app;
    }
}
