using System.Globalization;
using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Probes;

namespace Oversight.LoadGen;

/// <summary>The report as Markdown tables on the console (the same figures as the JSON).</summary>
public static class ConsoleReport
{
    private static readonly string[] ProcessOrder = ["complaints", "postgresql", "rabbitmq", "notifications", "reporting", "redis", "region-directory", "loadgen"];

    public static IEnumerable<string> Run(RunReport run)
    {
        yield return $"Run at {run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {run.Run.Shape}, {run.Run.Elapsed.TotalSeconds:0.0} s; load average before {run.LoadAverageBefore}, after {run.LoadAverageAfter}:";
        yield return "";
        yield return "| operation | ok | ok/s | p50 ms | p95 ms | p99 ms | max ms | errors by status |";
        yield return "|---|---:|---:|---:|---:|---:|---:|---|";
        foreach (var op in run.Run.Operations.Append(run.Run.Total)) yield return OperationRow(op);
        foreach (var (status, detail) in run.Run.Total.ErrorExamples) yield return $"first {status}: {detail}";
        yield return "";
        yield return "| end-to-end delay from the OK answer | complaints | seen | p50 ms | p99 ms | max ms | note |";
        yield return "|---|---:|---:|---:|---:|---:|---|";
        yield return DelayRow("(a) counted in reporting (WatchSummary)", run.ToReporting);
        yield return DelayRow("(b) webhook delivered (ComplaintSubmitted)", run.ToWebhook);
        yield return "";
        if (run.CpuPercentOfOneCore.Count > 0)
            yield return Cpu(run.CpuPercentOfOneCore);
        if (run.ThreadsAfter.Count > 0)
            yield return "threads at the end: " + string.Join(", ", run.ThreadsAfter.OrderBy(t => Array.IndexOf(ProcessOrder, t.Key)).Select(t => $"{t.Key} {t.Value}"));
        if (run.PostgresCommit is { } pg) yield return $"PostgreSQL INSERT+COMMIT probe (1 KB row, every 200 ms): p50 {Ms(pg.P50Ms)} ms, p99 {Ms(pg.P99Ms)} ms ({pg.Count} samples)";
        if (run.ComplaintsDbCommitsPerSecond is { } commits) yield return $"complaints database: {commits:0.#} commits/s";
        if (run.BrokerConfirm is { } mq) yield return $"RabbitMQ confirmed publish probe (1 KB persistent, every 200 ms): p50 {Ms(mq.P50Ms)} ms, p99 {Ms(mq.P99Ms)} ms ({mq.Count} samples)";
        if (run.Watch is { } watch) yield return $"WatchSummary: {watch.Streams} streams, {watch.Updates} updates received during the run, {watch.Failures} streams failed";
    }

    /// <summary>One row per find-max step: what held, and where the time and CPU went.</summary>
    public static IEnumerable<string> Steps(IReadOnlyList<RunReport> steps, double p99LimitMs)
    {
        var processes = ProcessOrder.Where(p => steps.Any(s => s.CpuPercentOfOneCore.ContainsKey(p))).ToList();
        yield return "| offered/s | ok/s | p50 ms | p99 ms | errors | holds | " + string.Join(" | ", processes.Select(p => $"CPU {p} %")) +
                     " | PG commit p50/p99 ms | confirm p50/p99 ms | DB commits/s | to reporting p50/p99 ms | to webhook p50/p99 ms | load avg after |";
        yield return "|" + string.Concat(Enumerable.Repeat("---:|", 6 + processes.Count + 6));
        foreach (var s in steps)
        {
            var intake = s.Intake;
            yield return $"| {Rate(s.OfferedPerSecond ?? 0)} | {Rate(intake?.OkPerSecond ?? 0)} | {Ms(intake?.Latency.P50Ms)} | {Ms(intake?.Latency.P99Ms)} | {s.Run.Total.Errors} | " +
                         $"{(s.Holds(p99LimitMs) ? "yes" : "no")} | " +
                         string.Concat(processes.Select(p => $"{s.CpuPercentOfOneCore.GetValueOrDefault(p):0} | ")) +
                         $"{Pair(s.PostgresCommit)} | {Pair(s.BrokerConfirm)} | {(s.ComplaintsDbCommitsPerSecond is { } c ? c.ToString("0", CultureInfo.InvariantCulture) : "")} | " +
                         $"{Pair(s.ToReporting)} | {Pair(s.ToWebhook)} | {s.LoadAverageAfter} |";
        }
    }

    public static string Cpu(IReadOnlyDictionary<string, double> cpu) =>
        "CPU, % of one core: " + string.Join(", ", Ordered(cpu).Select(p => $"{p.Key} {p.Value:0}"));

    private static string OperationRow(OperationSummary op) =>
        $"| {op.Operation} | {op.Ok} | {Rate(op.OkPerSecond)} | {Ms(op.Latency.P50Ms)} | {Ms(op.Latency.P95Ms)} | {Ms(op.Latency.P99Ms)} | {Ms(op.Latency.MaxMs)} | " +
        (op.Errors == 0 ? "0" : string.Join(", ", op.ErrorsByStatus.Select(e => $"{e.Key} {e.Value}"))) + " |";

    private static string DelayRow(string what, DelayFigures d) =>
        $"| {what} | {d.Expected} | {d.Seen} | {Ms(d.Delay.P50Ms)} | {Ms(d.Delay.P99Ms)} | {Ms(d.Delay.MaxMs)} | {d.Note ?? (d.Missing > 0 ? $"{d.Missing} not seen within the wait" : "")} |";

    private static string Pair(LatencyFigures? f) => f is null ? "" : $"{Ms(f.P50Ms)} / {Ms(f.P99Ms)}";

    private static string Pair(DelayFigures d) => d.Seen == 0 ? "-" : $"{Ms(d.Delay.P50Ms)} / {Ms(d.Delay.P99Ms)}" + (d.Missing > 0 ? $" ({d.Missing} missing)" : "");

    private static IEnumerable<KeyValuePair<string, double>> Ordered(IReadOnlyDictionary<string, double> cpu) =>
        cpu.OrderBy(c => Array.IndexOf(ProcessOrder, c.Key) is var i && i < 0 ? int.MaxValue : i);

    public static string Rate(double perSecond) => perSecond < 100 ? perSecond.ToString("0.0", CultureInfo.InvariantCulture) : perSecond.ToString("0", CultureInfo.InvariantCulture);

    public static string Ms(double? ms) => ms is not { } v || double.IsNaN(v) ? "-" : v < 10 ? v.ToString("0.00", CultureInfo.InvariantCulture) : v.ToString("0", CultureInfo.InvariantCulture);
}
