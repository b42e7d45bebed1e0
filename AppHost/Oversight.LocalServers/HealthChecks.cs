using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace Oversight.LocalServers;

// Each check makes the request a client would: a query, a PING, an AMQP connection. The connection string is read
// when the check runs, because it is known only once DCP has given the server its port.

/// <summary>
/// A check that, while its resource is unhealthy (not yet started), keeps asking for a few seconds before it answers. Aspire checks
/// a resource that is not healthy after 1, 2, 3, 4, then every 5 s, so a server or service that becomes ready between
/// two checks would hold whatever waits for it for seconds; asking every 200 ms inside one check ends that wait at once.
/// </summary>
public sealed class PatientHealthCheck(IHealthCheck inner) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await inner.CheckHealthAsync(context, cancellationToken);
            // Degraded is an answer too (a service serving without Redis): asking again would only repeat it.
            if (result.Status != HealthStatus.Unhealthy || DateTime.UtcNow + Step > deadline) return result;
            await Task.Delay(Step, cancellationToken);
        }
    }
}

internal sealed class SqlHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value) return HealthCheckResult.Unhealthy("no connection string yet");
        try
        {
            await using var connection = new NpgsqlConnection(value + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

internal sealed class RedisPingHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value) return HealthCheckResult.Unhealthy("no connection string yet");
        try
        {
            var options = ConfigurationOptions.Parse(value);
            options.ConnectTimeout = 2000;
            options.AbortOnConnectFail = true;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

internal sealed class AmqpHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value) return HealthCheckResult.Unhealthy("no connection string yet");
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(value), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
