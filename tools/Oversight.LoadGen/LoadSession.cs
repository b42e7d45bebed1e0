using Npgsql;
using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Probes;
using Oversight.LoadGen.Scenarios;
using Oversight.LoadGen.Target;

namespace Oversight.LoadGen;

/// <summary>
/// Runs a scenario at one load and measures it: the calls (engine), the end-to-end delays of the complaints it
/// committed (reporting, webhook), CPU per process, PostgreSQL's commit time and RabbitMQ's confirm time meanwhile.
/// </summary>
public sealed class LoadSession : IAsyncDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly LoadTarget _target;
    private readonly ScenarioContext _context;
    private readonly ReportingDelayProbe _reporting;
    private readonly WebhookDelayProbe? _webhook;
    private readonly string? _webhookRefusal;
    private readonly long _initialTotal;
    private readonly TimeSpan _settle;
    private readonly PostgresCommitProbe? _commitProbe;
    private readonly NpgsqlDataSource? _complaintsDb, _scratchDb;

    private LoadSession(LoadTarget target, ScenarioContext context, ReportingDelayProbe reporting, (WebhookDelayProbe? Probe, string? Refusal) webhook,
        TimeSpan settle, NpgsqlDataSource? complaintsDb, NpgsqlDataSource? scratchDb, PostgresCommitProbe? commitProbe)
    {
        (_target, _context, _reporting, _settle) = (target, context, reporting, settle);
        (_webhook, _webhookRefusal) = webhook;
        (_complaintsDb, _scratchDb, _commitProbe) = (complaintsDb, scratchDb, commitProbe);
        _initialTotal = reporting.LatestTotal;
    }

    public static async Task<LoadSession> StartAsync(LoadTarget target, ScenarioContext context, TimeSpan settle)
    {
        var national = await context.National.HeadersAsync();
        var reporting = await ReportingDelayProbe.StartAsync(context.Reporting, national);
        var webhook = await WebhookDelayProbe.StartAsync(new(target.Notifications), national);
        var complaintsDb = target.ComplaintsDatabase is { } complaints ? NpgsqlDataSource.Create(complaints) : null;
        NpgsqlDataSource? scratchDb = null;
        PostgresCommitProbe? commitProbe = null;
        if (await target.ScratchDatabaseAsync() is { } scratch)
        {
            scratchDb = NpgsqlDataSource.Create(scratch);
            commitProbe = new PostgresCommitProbe(scratchDb);
            await commitProbe.CreateTableAsync();
        }
        return new LoadSession(target, context, reporting, webhook, settle, complaintsDb, scratchDb, commitProbe);
    }

    /// <summary>
    /// CPU per process with no load at all (health checks, outbox and deadline polling, the broker's own timers): the
    /// floor that every figure under load sits on, worth knowing on a 2-core machine.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> IdleCpuAsync(TimeSpan duration)
    {
        var cpu = new CpuSampler(_target.Processes);
        var before = cpu.Sample();
        await Task.Delay(duration);
        return CpuSampler.PercentBetween(before, cpu.Sample());
    }

    /// <summary>Runs unmeasured (JIT, connection pools, caches).</summary>
    public async Task WarmUpAsync(IScenario scenario, LoadShape shape, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        _context.Commits = new CommitLog();
        var run = await ScenarioRunner.RunAsync(shape, duration, scenario.Next, new LatencyRecorder());
        Console.WriteLine($"  warm-up ({shape}, {duration.TotalSeconds:0} s): {run.Total.Ok} calls OK, {run.Total.Errors} failed");
    }

    public async Task<RunReport> MeasureAsync(IScenario scenario, LoadShape shape, TimeSpan duration)
    {
        // Complaints of earlier runs still on their way to reporting would be counted as this run's.
        var baseline = await ReportingCaughtUpAsync();
        _context.Commits = new CommitLog();
        var loadBefore = CpuSampler.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        var cpu = new CpuSampler(_target.Processes);
        var cpuBefore = cpu.Sample();
        long? commitsBefore = _complaintsDb is null ? null : await PostgresCommitProbe.CommitsOfAsync(_complaintsDb);
        await using var commitProbe = _commitProbe is null ? null : new PeriodicProbe(_commitProbe.InsertAndCommitAsync, ProbeInterval);
        await using var broker = _target.Messaging is { } amqp ? await BrokerConfirmProbe.StartAsync(amqp) : null;
        await using var confirmProbe = broker is null ? null : new PeriodicProbe(broker.PublishConfirmedAsync, ProbeInterval);

        var room = scenario as SituationRoomScenario;
        var updatesBefore = room?.Updates ?? 0;
        var failuresBefore = room?.StreamFailures ?? 0;
        var run = await ScenarioRunner.RunAsync(shape, duration, scenario.Next, new LatencyRecorder());
        var watch = room is null ? null : new WatchFigures(room.Watchers, room.Updates - updatesBefore, room.StreamFailures - failuresBefore);

        var cpuAfter = cpu.Sample();
        var threads = cpu.Threads();
        long? commitsAfter = _complaintsDb is null ? null : await PostgresCommitProbe.CommitsOfAsync(_complaintsDb);
        var postgres = commitProbe is null ? null : (await commitProbe.StopAsync()).Figures;
        var confirms = confirmProbe is null ? null : (await confirmProbe.StopAsync()).Figures;
        var loadAfter = CpuSampler.LoadAverage();

        var commits = _context.Commits.Snapshot();
        Console.WriteLine($"  {run.Total.Ok} calls OK, {run.Total.Errors} failed; waiting for reporting and webhooks to show {commits.Count} complaints...");
        var toReporting = commits.Count == 0 ? DelayFigures.NotMeasured("no complaint submitted in this run")
            : await _reporting.MeasureAsync([.. commits.Values], baseline, _settle);
        var toWebhook = commits.Count == 0 ? DelayFigures.NotMeasured("no complaint submitted in this run")
            : _webhook is null ? DelayFigures.NotMeasured(_webhookRefusal!)
            : await _webhook.MeasureAsync(commits, _settle);

        return new RunReport(startedAt, loadBefore, loadAfter, (shape as LoadShape.Open)?.RatePerSecond, run, toReporting, toWebhook,
            CpuSampler.PercentBetween(cpuBefore, cpuAfter), threads,
            postgres, commitsBefore is null ? null : (commitsAfter - commitsBefore) / run.Elapsed.TotalSeconds, confirms,
            watch);
    }

    private async Task<long> ReportingCaughtUpAsync()
    {
        var until = DateTimeOffset.UtcNow + _settle;
        var expected = _initialTotal + _context.AllCommits.Count;
        while (_reporting.LatestTotal < expected && DateTimeOffset.UtcNow < until) await Task.Delay(100);
        if (_reporting.LatestTotal < expected)
            Console.WriteLine($"  reporting still counts {_reporting.LatestTotal} of {expected} complaints after {_settle.TotalSeconds:0} s: the next run's reporting delays are unreliable");
        return _reporting.LatestTotal;
    }

    public async ValueTask DisposeAsync()
    {
        await _reporting.DisposeAsync();
        if (_webhook is not null) await _webhook.DisposeAsync();
        if (_complaintsDb is not null) await _complaintsDb.DisposeAsync();
        if (_scratchDb is not null) await _scratchDb.DisposeAsync();
    }
}
