using Oversight.Notifications.Grpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Oversight.Notifications.IntegrationEvents.EventHandling;
using Oversight.Notifications.Infrastructure.Deliveries;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.RegionDirectory;
using Oversight.Notifications.Infrastructure.Email;
using Oversight.Notifications.Infrastructure.Inbox;
using Oversight.Notifications.Infrastructure.Routing;
using Oversight.Notifications.Infrastructure.Webhooks;

namespace Oversight.Notifications.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDataSource("notificationsdb");
        // The fast path of "event already planned"; PostgreSQL decides without it, so Degraded when down.
        builder.AddRedisConnection("cache", HealthStatus.Degraded);
        builder.AddRabbitMqMessaging("messaging", bus =>
        {
            // One queue for every event type, named per service: reporting must get its own copy of each event.
            bus.AddConsumer<NotificationEventsConsumer>().Endpoint(e => e.Name = "notifications-events");
            // The private notices to reporters, on a queue of their own (bound to the private exchange only).
            bus.AddConsumer<ReporterStatusNoticeConsumer>().Endpoint(e => e.Name = ReporterStatusNoticeConsumer.QueueName);
            // The kept recipient look-ups are dropped in every instance when the directory changes.
            bus.AddConsumer<RecipientCacheInvalidation>().Endpoint(EveryInstance.OnQueueOfItsOwn);
        });
        builder.AddDefaultGrpc(NotificationsReflection.Descriptor);
        // Office tokens from the region directory, validated against its JWKS.
        builder.AddOfficeAuthentication();

        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection(DeliveryOptions.Section));
        builder.Services.AddOptions<DirectoryClientOptions>().Bind(builder.Configuration.GetSection(DirectoryClientOptions.Section))
            .Validate(o => o.Invalidity(DirectoryClientOptions.Section) is null,
                "Notifications:Directory: invalid settings (FreshFor ≥ 0, UsableFor ≥ FreshFor, RecheckAfter ≥ 0, WaitWhenCached > 0, MaxEntries ≥ 0)")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // The directory, called with the service's own token (a national integrator client, see docs/notifications.md).
        builder.Services.AddHttpClient(DirectoryTokenSource.HttpClientName, http => http.BaseAddress = new Uri("http://_http.region-directory"));
        builder.Services.AddSingleton<DirectoryTokenSource>();
        builder.Services.AddTransient<DirectoryTokenHandler>();
        builder.Services.AddGrpcClient<RegionDirectory.RegionDirectoryClient>(o => o.Address = new Uri("http://_grpc.region-directory"))
            .AddHttpMessageHandler<DirectoryTokenHandler>();
        builder.Services.AddSingleton<RecipientDirectory>();

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<IEmailTransport>(services =>
        {
            var email = services.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(email.Smtp.Host)
                ? new PickupDirectoryTransport(Path.GetFullPath(email.PickupDirectory, contentRoot))
                : new SmtpEmailTransport(services.GetRequiredService<IOptions<EmailOptions>>());
        });
        builder.Services.AddSingleton(services =>
            WebhookHttpClient.Create(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses));

        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<SubscriptionStore>();
        builder.Services.AddSingleton<PlannedEventCache>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<InboxStore>();
        builder.Services.AddSingleton<InboxFeed>();
        builder.Services.AddSingleton<EmailDeliverySender>();
        builder.Services.AddSingleton<WebhookDeliverySender>();
        builder.Services.AddScoped<NotificationPlanner>();
        builder.Services.AddHostedService<DeliveryWorker>();
    }

    /// <summary>
    /// The middleware and every endpoint of the service, in one place so that a test can list them and check that
    /// each is either declared anonymous or falls under the deny-by-default policy (docs/security.md).
    /// </summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapGrpcService<NotificationsService>();
        return app;
    }
}
