using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.ServiceDefaults.Warmup;

namespace Oversight.UnitTests.ServiceDefaults;

/// <summary>The warm-up's order and its readiness check, with steps that are fakes (the real ones need real servers).</summary>
public sealed class StartupWarmupTests
{
    private sealed class Step(string name, Func<CancellationToken, Task> run) : IWarmupStep
    {
        public string Name => name;

        public Task RunAsync(CancellationToken cancellationToken) => run(cancellationToken);
    }

    [Fact]
    public async Task Not_ready_until_every_step_ended_and_a_failed_step_does_not_stop_the_next()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<string>();
        var warmup = new StartupWarmup(
        [
            new Step("fails", _ => { ran.Add("fails"); throw new InvalidOperationException("PostgreSQL refused"); }),
            new Step("holds", async _ => { ran.Add("holds"); await holding.Task; }),
        ], NullLogger<StartupWarmup>.Instance);

        await warmup.StartAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, (await warmup.CheckHealthAsync(new HealthCheckContext())).Status);

        holding.SetResult();
        await warmup.ExecuteTask!;
        Assert.Equal(["fails", "holds"], ran);
        Assert.Equal(HealthStatus.Healthy, (await warmup.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task A_step_that_outlasts_the_budget_is_cancelled_and_readiness_follows()
    {
        var warmup = new StartupWarmup([new Step("never ends", token => Task.Delay(Timeout.Infinite, token))], NullLogger<StartupWarmup>.Instance,
            budget: TimeSpan.FromMilliseconds(50));

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Healthy, (await warmup.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
