using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Oversight.ServiceDefaults.Warmup;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Client registrations for the real dependencies, read from <c>ConnectionStrings:{name}</c>. PostgreSQL and Redis go
/// through the Aspire client integrations (Aspire.Npgsql, Aspire.StackExchange.Redis: the client, its logging and
/// telemetry) with our settings on top; each adds a readiness check of ours, named <c>postgres:{name}</c> or
/// <c>redis:{name}</c> in <c>/health</c>, in place of Aspire's (whose names and failure status do not fit).
/// </summary>
public static class DependencyExtensions
{
    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> for <c>ConnectionStrings:{name}</c> with Aspire.Npgsql (tracing and
    /// metrics included) and a check <c>postgres:{name}</c> that runs <c>SELECT 1</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDataSource(this IHostApplicationBuilder builder, string connectionName)
    {
        // Fail at start with a line naming the setting, not at the first query.
        RequiredConnectionString(builder.Configuration, connectionName);
        builder.AddNpgsqlDataSource(connectionName,
            settings => settings.DisableHealthChecks = true,
            // Only commands inside a recorded operation (a request, a consumer, an outbox publish) are traced: the
            // health probes (untraced requests, every few seconds) and the background pollers (outbox relay,
            // schedulers) would otherwise each add a one-span trace and bury the real ones on the Traces page.
            dataSource => dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => InsideRecordedOperation())
                .ConfigureBatchFilter(_ => InsideRecordedOperation())));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>($"postgres:{connectionName}", tags: ["ready"]);
        builder.AddWarmupStep<DatabaseWarmup>();
        return builder;
    }

    private static bool InsideRecordedOperation() => System.Diagnostics.Activity.Current is { Recorded: true, IsAllDataRequested: true };

    /// <summary>
    /// Registers an <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{name}</c> with
    /// Aspire.StackExchange.Redis (tracing included) and a PING check <c>redis:{name}</c>.
    /// A service that can work without Redis (a cache) passes <see cref="HealthStatus.Degraded"/>, so that
    /// <c>/health</c> says so while still answering 200.
    /// </summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName,
        HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        RequiredConnectionString(builder.Configuration, connectionName);
        builder.AddRedisClient(connectionName,
            // Aspire's check fails Unhealthy whatever the service can do without Redis; ours below honours failureStatus.
            settings => settings.DisableHealthChecks = true,
            // Start even when Redis is down (also Aspire's default, but not if the connection string says
            // abortConnect=true); the health check and the callers report it.
            options => options.AbortOnConnectFail = false);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>($"redis:{connectionName}", failureStatus, tags: ["ready"]);
        return builder;
    }

    /// <summary>The connection string <paramref name="name"/>; throws naming the setting when it is absent.</summary>
    public static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing: set ConnectionStrings__{name} (the AppHost does this).");
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable: {ex.Message}");
        }
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Bounded well below a probe's timeout, so a dead Redis makes /health answer "degraded" quickly, not hang.
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers PING in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis unreachable: {ex.Message}");
        }
    }
}
