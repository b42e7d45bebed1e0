using Oversight.Notifications.Infrastructure;
using Oversight.Notifications.IntegrationEvents.EventHandling;
using RegionDirectoryClient = Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient;

namespace Oversight.Notifications.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("notificationsdb");
        builder.AddRabbitMqMessaging("messaging", bus =>
            // Named per service: reporting has a consumer of the same name and must get its own copy of each event.
            bus.AddConsumer<ComplaintSubmittedConsumer>().Endpoint(e => e.Name = "notifications-complaint-submitted"));
        builder.AddDefaultGrpc();

        builder.Services.AddGrpcClient<RegionDirectoryClient>(o => o.Address = new Uri("http://_grpc.region-directory"));

        builder.Services.AddSingleton<NotificationStore>();
    }
}
