using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Contracts;
using RabbitMQ.Client;

namespace Oversight.Complaints.Infrastructure.Sites;

/// <summary>
/// At a regional site: how the link to the national centre is doing, every 10 s. The messages waiting in
/// <see cref="SiteLink.OutboundQueue"/> (ready, not yet taken by the shovel), read from the site's broker, and the age of
/// the oldest one, read from this service's outbox: the queue is first in, first out and everything in it came from this
/// outbox, so the oldest waiting message is the one published that many messages before the last (every published row
/// is kept until the retention period, a private message's emptied; docs/events.md). Nothing is taken from the queue to
/// read it: taking its head (as this once did, to read its time) reordered the link, since the shovel forwarded the
/// messages after it meanwhile. Both figures are gauges (<see cref="OversightMetrics.SiteLinkWaiting"/>,
/// <see cref="OversightMetrics.SiteLinkOldestAge"/>) and the health check <c>site-link</c>. A look that fails (the site's
/// broker or database down) leaves the last figures and is logged at Debug: their own checks name that outage.
/// </summary>
public sealed class SiteLinkMonitor : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    // The row published `skip` rows before the last one; none when fewer are kept.
    private const string PublishedBeforeLastSql = """
        SELECT published_at FROM outbox_messages
        WHERE published_at IS NOT NULL
        ORDER BY id DESC
        OFFSET @skip LIMIT 1
        """;

    private readonly Uri _broker;
    private readonly NpgsqlDataSource _outbox;
    private readonly TimeSpan _delayedAfter;
    private readonly ILogger<SiteLinkMonitor> _logger;
    private long _waiting;
    private long _oldestAgeSeconds;
    private volatile bool _looked;

    public SiteLinkMonitor(IConfiguration configuration, NpgsqlDataSource outbox, ILogger<SiteLinkMonitor> logger)
    {
        _broker = new Uri(DependencyExtensions.RequiredConnectionString(configuration, "messaging"));
        _outbox = outbox;
        _delayedAfter = configuration.GetValue($"{SiteJurisdiction.Section}:LinkDelayedAfter", TimeSpan.FromSeconds(60));
        _logger = logger;
        OversightMetrics.SiteLinkWaiting.CreateObservableGauge(() => [new(Interlocked.Read(ref _waiting))]);
        OversightMetrics.SiteLinkOldestAge.CreateObservableGauge(() => [new(Interlocked.Read(ref _oldestAgeSeconds))]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    connection ??= await new ConnectionFactory { Uri = _broker, ClientProvidedName = "site-link-monitor" }.CreateConnectionAsync(stoppingToken);
                    await LookAsync(connection, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogDebug("Site link: could not look at {Queue}: {Reason}", SiteLink.OutboundQueue, ex.Message);
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task LookAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var waiting = (await channel.QueueDeclarePassiveAsync(SiteLink.OutboundQueue, cancellationToken)).MessageCount;
        var age = waiting == 0 ? 0L : await OldestWaitingAgeAsync(waiting, cancellationToken);
        Interlocked.Exchange(ref _waiting, waiting);
        Interlocked.Exchange(ref _oldestAgeSeconds, age);
        _looked = true;
    }

    private async Task<long> OldestWaitingAgeAsync(uint waiting, CancellationToken cancellationToken)
    {
        await using var connection = await _outbox.OpenConnectionAsync(cancellationToken);
        var publishedAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(PublishedBeforeLastSql,
                new { skip = (long)waiting - 1 }, cancellationToken: cancellationToken))
            // More waiting than kept (a cut longer than the retention period): the oldest kept is the best lower bound.
            ?? await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                "SELECT min(published_at) FROM outbox_messages", cancellationToken: cancellationToken));
        return publishedAt is { } at ? Math.Max(0, (long)(DateTime.UtcNow - at.ToUniversalTime()).TotalSeconds) : 0;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = Interlocked.Read(ref _waiting);
        var age = Interlocked.Read(ref _oldestAgeSeconds);
        var data = new Dictionary<string, object> { ["waiting"] = waiting, ["oldest_age_seconds"] = age };
        if (!_looked) return Task.FromResult(HealthCheckResult.Healthy("Site link: not looked at yet.", data));
        var summary = $"{waiting} messages waiting for the national centre, the oldest for {age} s.";
        return Task.FromResult(age > _delayedAfter.TotalSeconds
            ? new HealthCheckResult(context.Registration.FailureStatus, $"Site link delayed: {summary}", data: data)
            : HealthCheckResult.Healthy($"Site link: {summary}", data));
    }
}
