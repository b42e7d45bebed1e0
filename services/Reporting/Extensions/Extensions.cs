using Oversight.Reporting.Grpc;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.Reporting;
using Oversight.Reporting.Apis;
using Oversight.Reporting.Apis.SituationRoom;
using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.IntegrationEvents.EventHandling;

namespace Oversight.Reporting.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection("cache");
        builder.AddRabbitMqMessaging("messaging", bus =>
            // Named per service: notifications consumes some of the same events and must get its own copies.
            bus.AddConsumer<ComplaintChangeConsumer>().Endpoint(e => e.Name = "reporting-complaint-changes"));
        builder.AddDefaultGrpc(ReportingReflection.Descriptor);
        // Office tokens from the region directory, validated against its JWKS: every report is scoped to the caller's region.
        builder.AddOfficeAuthentication();

        builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProjectionStore>();
        builder.Services.AddSingleton<ReportReader>();
        builder.Services.AddSingleton<SummaryWatcher>();
        // The export stream a rebuild reads (service discovery: the complaints service's gRPC endpoint).
        builder.Services.AddGrpcClient<ComplaintQueries.ComplaintQueriesClient>(o => o.Address = new Uri("http://_grpc.complaints"));
        builder.Services.AddSingleton<ProjectionRebuild>();
        // The situation-room page: sign-in through the directory, its API read with the sign-in cookie.
        builder.AddSituationRoom();
    }

    /// <summary>
    /// The middleware and every endpoint of the service, in one place so that a test can list them and check that
    /// each is either declared anonymous or falls under the deny-by-default policy (docs/security.md).
    /// </summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapGrpcService<ReportingService>();
        app.MapCsvExports();
        app.MapOpenData();
        app.MapSituationRoom();
        return app;
    }
}
