using System.Diagnostics;
using Grpc.Core;
using Oversight.FaultTests.Faults;
using Oversight.FaultTests.Invariants;
using Oversight.FaultTests.Load;
using Oversight.Testing;

namespace Oversight.FaultTests;

/// <summary>
/// One fault case: load starts, the target is killed with SIGKILL and held down while /health is polled, it is
/// brought back, the load runs a little longer and stops, then the invariants are polled until they all hold
/// (or the bound passes). The invariants are checked over everything the suite's system ever took in, not only
/// this case's load: an earlier fault's damage would show here too.
/// </summary>
internal sealed class FaultRun(FaultSuiteFixture suite, Fault fault)
{
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Down = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LoadAfterBack = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(120);

    private static readonly StatusCode[] ExpectedFailures = [StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted];

    public async Task<FaultOutcome> ExecuteAsync(CancellationToken timeout)
    {
        var system = suite.System;
        var resendsBefore = suite.WebhookResendsSoFar;
        var clock = Stopwatch.StartNew();
        var load = new IntakeLoad(system.Complaints, system.Desks, clock);
        using var stopLoad = new CancellationTokenSource();
        var loadTask = load.RunAsync(stopLoad.Token);
        await Task.Delay(Warmup, timeout);

        var target = fault.Target(suite.Servers, system.System);
        var watch = new HealthWatch(system.System, fault.WatchedServices);
        using var stopWatch = new CancellationTokenSource();
        var killedAt = clock.Elapsed;
        var killedPid = await KillNine.KillAndHoldAsync(target);
        var watchTask = watch.RunAsync(stopWatch.Token);
        await Task.Delay(Down);
        // Still down at the end of the hold (nothing brought it back behind our back)?
        var heldDown = target.IsStopped;
        await stopWatch.CancelAsync();
        await watchTask;
        await KillNine.BringBackAsync(target);
        var backAt = clock.Elapsed;

        await Task.Delay(LoadAfterBack, timeout);
        await stopLoad.CancelAsync();
        await loadTask;
        var loadStoppedAt = clock.Elapsed;

        // Poll the invariants until all hold; the time from "back" to then is the recovery time.
        suite.Acknowledge(load.Acknowledged);
        var deadline = clock.Elapsed + RecoveryBound;
        Checks? checks = null;
        while (true)
        {
            try
            {
                checks = await ReadChecksAsync();
            }
            catch (Exception ex) when (clock.Elapsed < deadline && ex is Npgsql.NpgsqlException or HttpRequestException or RpcException)
            {
                // A dependency that has only just come back: read again in a moment.
            }
            if (checks is { AllHold: true } || clock.Elapsed > deadline) break;
            await Task.Delay(TimeSpan.FromSeconds(1), timeout);
        }
        var convergedAt = clock.Elapsed;
        // A duplicate webhook call or a late dead letter would come within seconds: settle, then read again.
        await Task.Delay(TimeSpan.FromSeconds(3), timeout);
        checks = await ReadChecksAsync();

        suite.WebhookResendsSoFar = checks!.Notifications.Duplicated;
        var acknowledgedTimes = load.Acknowledged.Select(a => a.AnsweredAtSeconds).Order().ToList();
        var intakeGap = acknowledgedTimes.Zip(acknowledgedTimes.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
        var failures = load.Failures.ToList();
        return new FaultOutcome(
            Fault: fault.Name,
            Acknowledged: load.Acknowledged.Count,
            Rate: load.Acknowledged.Count / loadStoppedAt.TotalSeconds,
            KilledAt: killedAt.TotalSeconds,
            BackAt: backAt.TotalSeconds,
            // Intake during the outage itself (kill to back): e.g. the routing cache carrying submissions through a directory outage.
            AcknowledgedWhileDown: load.Acknowledged.Count(a => a.AnsweredAtSeconds >= killedAt.TotalSeconds && a.AnsweredAtSeconds <= backAt.TotalSeconds),
            HeldDown: heldDown,
            RecoverySeconds: checks.AllHold ? (convergedAt - backAt).TotalSeconds : null,
            RecoveryBoundSeconds: RecoveryBound.TotalSeconds,
            LoadStoppedAt: loadStoppedAt.TotalSeconds,
            IntakeGapSeconds: intakeGap,
            GivenUp: load.GivenUp.Count,
            Storage: checks.Storage,
            Reporting: checks.Reporting,
            Notifications: checks.Notifications,
            Backlog: checks.Backlog,
            FailuresByStatus: failures.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count()),
            OtherFailures: failures.Where(f => !ExpectedFailures.Contains(f.Status)).Take(5).Select(f => $"{f.Status} at t={f.AtSeconds:0.0}s: {f.Detail}").ToList(),
            Health: watch.Readings.ToList(),
            WatchedServices: fault.WatchedServices,
            FailingChecks: fault.FailingChecks,
            ResendAllowed: fault.MayResendWebhooks,
            NewResends: checks.Notifications.Duplicated - resendsBefore,
            OneOfSeveral: fault.KillsOneInstanceOfSeveral);
    }

    private async Task<Checks> ReadChecksAsync()
    {
        var system = suite.System;
        var storage = await StorageCount.ReadAsync(system.ComplaintsDatabase, suite.AllAcknowledged);
        var reporting = await ReportingComparison.ReadAsync(system.ComplaintsDatabase, system.Reporting, system.Admin,
            FaultSystem.DeskRegions);
        var notifications = await NotificationCount.ReadAsync(system.ComplaintsDatabase, system.NotificationsDatabase, system.Webhooks,
            FaultSystem.WebhookPath);
        var backlog = await Backlog.ReadAsync(system.ComplaintsDatabase, suite.Servers,
            system.System.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"));
        return new Checks(storage, reporting, notifications, backlog);
    }

    private sealed record Checks(StorageCount Storage, ReportingComparison Reporting, NotificationCount Notifications, Backlog Backlog)
    {
        // Converged once every event reached the receiver; duplicates are judged after, per fault.
        public bool AllHold => Storage.Holds && Reporting.Holds && Notifications.Complete && Backlog.Drained;
    }
}
