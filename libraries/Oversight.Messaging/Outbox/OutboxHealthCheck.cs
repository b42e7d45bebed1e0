using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Oversight.Messaging.Outbox;

/// <summary>
/// The relay's view of the broker: Degraded while a publish has waited for RabbitMQ's confirm for a few seconds or
/// the last relay round failed, with the number of events waiting. A publish-only bus has no receive endpoint, so
/// MassTransit's own bus check stays Healthy through a broker outage; this one does not. The number waiting is also in the
/// check's data (<see cref="WaitingKey"/>), which <c>/health</c> writes out: the AppHost's "Show outbox backlog" command reads it.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxBacklog backlog) : IHealthCheck
{
    private static readonly TimeSpan SlowConfirm = TimeSpan.FromSeconds(3);

    /// <summary>The data key of the number of events waiting (unpublished outbox rows, as the relay last counted them).</summary>
    public const string WaitingKey = "waiting";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var waiting = backlog.Count;
        var data = new Dictionary<string, object> { [WaitingKey] = waiting };
        if (backlog.Failure is { } failure)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"Outbox relay failing for {(now - failure.Since).TotalSeconds:0} s ({failure.Reason}); {waiting} events waiting.", data: data));
        }
        if (backlog.PublishingSince is { } since && now - since > SlowConfirm)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"RabbitMQ has not confirmed a publish for {(now - since).TotalSeconds:0} s; {waiting} events waiting.", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy($"Outbox relay publishing; {waiting} events waiting.", data));
    }
}
