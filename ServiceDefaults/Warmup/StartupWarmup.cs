using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Warmup;

/// <summary>
/// Runs every registered <see cref="IWarmupStep"/> once at start, and is the readiness check <c>warm-up</c>: Unhealthy
/// until the steps have ended, so that the AppHost (and a load balancer) send a restarted service its load only when
/// its first calls no longer open connections or fetch keys. Without it, the first second after a restart of
/// complaints under 50 submissions a second held the first minute's slowest 1 % (docs/performance.md, "Start-up and
/// idle memory"). Failures are logged and end the wait: a dependency that is down is reported by its own check.
/// </summary>
public sealed class StartupWarmup(IEnumerable<IWarmupStep> steps, ILogger<StartupWarmup> logger, TimeSpan? budget = null) : BackgroundService, IHealthCheck
{
    /// <summary>The longest the steps together may hold readiness back (a test may give its own budget).</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(10);

    private volatile bool _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Out of the host's start: the server starts listening (liveness answers) while the steps run.
        await Task.Yield();
        using var withinBudget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        withinBudget.CancelAfter(budget ?? DefaultBudget);
        var started = Stopwatch.GetTimestamp();
        // One after another: together they would contend for the same cores as the start itself.
        foreach (var step in steps)
        {
            try
            {
                await step.RunAsync(withinBudget.Token);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Warm-up step {Step} did not complete ({Reason}); its first calls will do the work", step.Name, ex.Message);
            }
        }
        _done = true;
        logger.LogInformation("Warmed up in {ElapsedMs:0} ms ({Steps})", Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            string.Join(", ", steps.Select(s => s.Name)));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy("Warmed up.") : HealthCheckResult.Unhealthy("Warming up."));
}
