using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Contracts;
using RabbitMQ.Client;

namespace Oversight.Complaints.Infrastructure.Sites;

/// <summary>
/// At a regional site: how the link to the national centre is doing, seen from the site's broker every 10 s. The
/// messages waiting in <see cref="SiteLink.OutboundQueue"/> (ready, not yet taken by the shovel) and the age of the
/// oldest one, read by taking it without acknowledging it and handing it straight back (RabbitMQ puts it back in its
/// place; while the link is up the shovel holds the head, so this sees the next one waiting, if any). Both are gauges
/// (<see cref="OversightMetrics.SiteLinkWaiting"/>, <see cref="OversightMetrics.SiteLinkOldestAge"/>) and the health
/// check <c>site-link</c>. A look that fails (the site's broker down) leaves the last figures and is logged at Debug:
/// the bus's own check names that outage.
/// </summary>
public sealed class SiteLinkMonitor : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Uri _broker;
    private readonly TimeSpan _delayedAfter;
    private readonly ILogger<SiteLinkMonitor> _logger;
    private long _waiting;
    private long _oldestAgeSeconds;
    private volatile bool _looked;

    public SiteLinkMonitor(IConfiguration configuration, ILogger<SiteLinkMonitor> logger)
    {
        _broker = new Uri(DependencyExtensions.RequiredConnectionString(configuration, "messaging"));
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
        var queue = await channel.QueueDeclarePassiveAsync(SiteLink.OutboundQueue, cancellationToken);
        var age = 0L;
        if (await channel.BasicGetAsync(SiteLink.OutboundQueue, autoAck: false, cancellationToken) is { } head)
        {
            await channel.BasicNackAsync(head.DeliveryTag, multiple: false, requeue: true, cancellationToken);
            if (SentAt(head.Body) is { } sent) age = Math.Max(0, (long)(DateTimeOffset.UtcNow - sent).TotalSeconds);
        }
        Interlocked.Exchange(ref _waiting, queue.MessageCount);
        Interlocked.Exchange(ref _oldestAgeSeconds, age);
        _looked = true;
    }

    // MassTransit's envelope says when the message was sent (the relay's publish at the site).
    private static DateTimeOffset? SentAt(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("sentTime", out var sent) && sent.TryGetDateTimeOffset(out var at) ? at : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
