using Oversight.Reporting.Infrastructure;
using Oversight.Reporting.IntegrationEvents.EventHandling;

namespace Oversight.Reporting.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.AddRabbitMqMessaging("messaging", bus =>
            // Named per service: notifications has a consumer of the same name and must get its own copy of each event.
            bus.AddConsumer<ComplaintSubmittedConsumer>().Endpoint(e => e.Name = "reporting-complaint-submitted"));
        builder.AddDefaultGrpc();

        builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
        builder.Services.AddSingleton<RegionCountsStore>();
    }
}
