using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.RegionDirectory.Infrastructure.Caching;
using Oversight.RegionDirectory.Infrastructure;

namespace Oversight.RegionDirectory.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("directorydb");
        // Redis is the read cache: without it reads go to PostgreSQL, so /health reports Degraded, not Unhealthy.
        builder.AddRedisClient("cache", HealthStatus.Degraded);
        // Changes are announced as RegionDirectoryChanged through the outbox: a broker outage delays them, loses
        // none, and does not stop look-ups, so it degrades /health rather than failing it.
        builder.AddRabbitMqMessaging("messaging", failureStatus: HealthStatus.Degraded);
        builder.AddTransactionalOutbox();
        builder.Services.Configure<RegionCacheOptions>(builder.Configuration.GetSection(RegionCacheOptions.Section));
        builder.Services.AddSingleton<RegionCache>();
        builder.AddDefaultGrpc();
        builder.Services.AddSingleton<RegionRepository>();
        builder.Services.AddSingleton<RegionImportStore>();
        builder.Services.AddSingleton<RegionImporter>();
        builder.AddRegionLookups();
    }
}
