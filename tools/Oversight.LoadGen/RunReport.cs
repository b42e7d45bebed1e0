using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Probes;

namespace Oversight.LoadGen;

/// <summary>
/// One measured run: the load offered, what came back per operation, the end-to-end delays of its complaints,
/// and what the processes and dependencies did meanwhile; with the machine's load average before and after,
/// since the machine may be shared.
/// </summary>
public sealed record RunReport(
    DateTimeOffset StartedAt,
    string LoadAverageBefore,
    string LoadAverageAfter,
    double? OfferedPerSecond,
    RunResult Run,
    DelayFigures ToReporting,
    DelayFigures ToWebhook,
    IReadOnlyDictionary<string, double> CpuPercentOfOneCore,
    IReadOnlyDictionary<string, int> ThreadsAfter,
    LatencyFigures? PostgresCommit,
    double? ComplaintsDbCommitsPerSecond,
    LatencyFigures? BrokerConfirm,
    WatchFigures? Watch)
{
    /// <summary>The intake calls' figures, if the run made any.</summary>
    public OperationSummary? Intake => Run.Operations.FirstOrDefault(o => o.Operation == Scenarios.BurstScenario.Submit);

    /// <summary>Whether intake's p99 stayed under the limit with no call failing (the find-max criterion).</summary>
    public bool Holds(double p99LimitMs) => Run.Total.Errors == 0 && Intake is { Ok: > 0 } intake && intake.Latency.P99Ms < p99LimitMs;

    /// <summary>Past saturation: calls fail, or fewer than 90% of the offered rate are answered OK.</summary>
    public bool Saturated => Run.Total.Errors > 0 || OfferedPerSecond is { } offered && (Intake?.OkPerSecond ?? 0) < 0.9 * offered;
}

/// <summary>The situation room's watch streams over a run.</summary>
public sealed record WatchFigures(int Streams, long Updates, long Failures);

/// <summary>Everything the command printed, for <c>--json</c>.</summary>
public sealed record LoadReport(
    string Scenario,
    string Proportions,
    string Target,
    int Offices,
    int Cores,
    string Shape,
    double DurationSeconds,
    IReadOnlyDictionary<string, double> IdleCpuPercentOfOneCore,
    string IdleLoadAverage,
    IReadOnlyList<RunReport> Runs,
    double? HighestRateHolding,
    double? P99LimitMs);
