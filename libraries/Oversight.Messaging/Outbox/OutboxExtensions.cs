using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.ServiceDefaults.Data;
using Oversight.Messaging.Outbox;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the transactional outbox (its table comes with the service's schema).</summary>
public static class OutboxExtensions
{
    /// <summary>
    /// Adds <see cref="TransactionalOutbox"/> and the relay that publishes its rows through MassTransit.
    /// Needs an <c>NpgsqlDataSource</c> and <c>AddRabbitMqMessaging</c>; <c>MigrateDatabaseAsync</c>
    /// creates the <c>outbox_messages</c> table (the <see cref="SharedMigrations"/> registered here).
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="relay">
    /// False for a one-shot command: it writes events without publishing them (and needs no broker);
    /// the service's relay publishes them when it next runs.
    /// </param>
    public static IHostApplicationBuilder AddTransactionalOutbox(this IHostApplicationBuilder builder, bool relay = true)
    {
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddSingleton(provider => new TransactionalOutbox(provider.GetRequiredService<OutboxSignal>()));
        // Its table, created by the service's MigrateDatabaseAsync before the service's own migrations.
        builder.Services.AddSingleton(new SharedMigrations(MigrationSet.FromAssembly("outbox", typeof(TransactionalOutbox).Assembly)));
        if (relay)
        {
            builder.Services.AddHostedService<OutboxRelay>();
            // Degraded, not Unhealthy: requests still succeed (events wait in the outbox), but /health says the broker is the problem.
            builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Degraded, ["ready"]);
        }
        return builder;
    }
}
