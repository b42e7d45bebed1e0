using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Oversight.Contracts.PrivateMessages;
using Oversight.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>The services' bus: MassTransit on RabbitMQ, with the conventions every service shares.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Registers MassTransit on RabbitMQ for <c>ConnectionStrings:{name}</c> (<c>amqp://user:pass@host:port/vhost</c>).
    /// Failed messages are retried, then moved to the queue's <c>_error</c> queue; one that fails because a dependency is
    /// down is retried for minutes first. MassTransit adds its bus health check.
    /// A service whose requests do not need the broker (it only publishes through an outbox) passes
    /// <see cref="HealthStatus.Degraded"/>, so a broker outage does not take it out of service.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqMessaging(
        this IHostApplicationBuilder builder, string connectionName, Action<IBusRegistrationConfigurator>? configure = null,
        HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var uri = new Uri(DependencyExtensions.RequiredConnectionString(builder.Configuration, connectionName));
        // MassTransit's own meter and trace source, beside the ones ServiceDefaults adds for every service.
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(MassTransit.Monitoring.InstrumentationOptions.MeterName))
            .WithTracing(tracing => tracing.AddSource(MassTransit.Logging.DiagnosticHeaders.DefaultListenerName));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit reports its bus at most this bad when it cannot reach RabbitMQ.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = failureStatus);
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(uri);
                // Private messages get their own exchange outside the integration events' namespace, so that a broker
                // permission pattern can keep integrators off it (docs/events.md, "Private messages").
                rabbit.Message<ReporterStatusNotice>(topology => topology.SetEntityName(ReporterStatusNotice.ExchangeName));
                rabbit.Message<DirectorySnapshot>(topology => topology.SetEntityName(DirectorySnapshot.ExchangeName));
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                // Inside the short retries above: a dependency that is down (the directory, Redis, PostgreSQL) keeps the
                // message retrying for minutes, the way an outage lasts; anything else passes through to the short retries
                // and then the _error queue. (Inner, not outer: MassTransit's outer retry gives up once an inner one has.)
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientDependencyFailures.IsTransient);
                    retry.Interval(40, TimeSpan.FromSeconds(5));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
