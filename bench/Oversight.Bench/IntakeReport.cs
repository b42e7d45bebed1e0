namespace Oversight.Bench;

/// <summary>The per-round lines and the closing Markdown table of medians of the intake benchmark.</summary>
public static class IntakeReport
{
    public static string RoundLine(IntakeRound r) =>
        $"  round {r.Round}: intake {r.Accepted} accepted, {Rate(r.AcceptedPerSecond)}/s end to end ({r.EndToEnd.TotalSeconds:0.00} s to the last event), " +
        $"calls {Rate(r.Calls.OperationsPerSecond)}/s, p50 {r.Calls.P50Ms:0.00} ms, p99 {r.Calls.P99Ms:0.00} ms, errors {r.Calls.Errors}, unconfirmed {r.Unconfirmed}; " +
        $"raw INSERT+COMMIT {Rate(r.Raw.OperationsPerSecond)}/s, p50 {r.Raw.P50Ms:0.00} ms, p99 {r.Raw.P99Ms:0.00} ms, errors {r.Raw.Errors}; " +
        $"raw publish+confirm {Rate(r.RawPublish.OperationsPerSecond)}/s, p50 {r.RawPublish.P50Ms:0.00} ms, errors {r.RawPublish.Errors}; " +
        $"bare gRPC echo {Rate(r.Echo.OperationsPerSecond)}/s, p50 {r.Echo.P50Ms:0.00} ms, errors {r.Echo.Errors}; " +
        $"PIN hash alone {Rate(r.PinHash.OperationsPerSecond)}/s, p50 {r.PinHash.P50Ms:0.00} ms";

    /// <summary>
    /// Medians: the round with the median end-to-end rate stands for intake (its call latencies belong to the
    /// same run), the round with the median raw rate for the raw inserts, likewise for the raw publishes, the echo and the
    /// PIN hash. The ratio is each rate / the raw insert rate; the publish and echo rows also give intake's end-to-end rate
    /// as a share of theirs.
    /// </summary>
    public static IReadOnlyList<string> MedianTable(IReadOnlyList<IntakeRound> rounds)
    {
        if (rounds.Count == 0) throw new ArgumentException("no rounds", nameof(rounds));
        var intake = rounds.OrderBy(r => r.AcceptedPerSecond).ElementAt(rounds.Count / 2);
        var raw = rounds.Select(r => r.Raw).OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
        var publish = rounds.Select(r => r.RawPublish).OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
        var echo = rounds.Select(r => r.Echo).OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
        var pinHash = rounds.Select(r => r.PinHash).OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
        var calls = intake.Calls;
        // Three significant digits: the intake rate can be a thousandth of the raw rate.
        string Ratio(double rate) => raw.OperationsPerSecond > 0 ? $"{rate / raw.OperationsPerSecond:G3}x" : "n/a";
        return
        [
            "| measure | per second | p50 ms | p90 ms | p99 ms | errors | vs raw insert |",
            "|---|---:|---:|---:|---:|---:|---:|",
            $"| Complaints accepted end to end (stored, event confirmed by RabbitMQ) | {Rate(intake.AcceptedPerSecond)} | {calls.P50Ms:0.00} | {calls.P90Ms:0.00} | {calls.P99Ms:0.00} | {calls.Errors + intake.Unconfirmed} | {Ratio(intake.AcceptedPerSecond)} |",
            $"| SubmitComplaint calls answered OK (call level) | {Rate(calls.OperationsPerSecond)} | {calls.P50Ms:0.00} | {calls.P90Ms:0.00} | {calls.P99Ms:0.00} | {calls.Errors} | {Ratio(calls.OperationsPerSecond)} |",
            $"| Raw INSERT + COMMIT, same PostgreSQL (Npgsql, no service) | {Rate(raw.OperationsPerSecond)} | {raw.P50Ms:0.00} | {raw.P90Ms:0.00} | {raw.P99Ms:0.00} | {raw.Errors} | 1x |",
            $"| Raw publish + confirm, same RabbitMQ (persistent, no service; intake end to end is {Share(intake.AcceptedPerSecond, publish.OperationsPerSecond)} of it) | {Rate(publish.OperationsPerSecond)} | {publish.P50Ms:0.00} | {publish.P90Ms:0.00} | {publish.P99Ms:0.00} | {publish.Errors} | {Ratio(publish.OperationsPerSecond)} |",
            $"| Bare gRPC echo, same machine (h2c, one channel, server in its own process, no service; intake end to end is {Share(intake.AcceptedPerSecond, echo.OperationsPerSecond)} of it) | {Rate(echo.OperationsPerSecond)} | {echo.P50Ms:0.00} | {echo.P90Ms:0.00} | {echo.P99Ms:0.00} | {echo.Errors} | {Ratio(echo.OperationsPerSecond)} |",
            $"| PIN hash alone ({rounds[0].PinHashScheme}, in the bench process) | {Rate(pinHash.OperationsPerSecond)} | {pinHash.P50Ms:0.00} | {pinHash.P90Ms:0.00} | {pinHash.P99Ms:0.00} | {pinHash.Errors} | {Ratio(pinHash.OperationsPerSecond)} |",
        ];
    }

    private static string Share(double rate, double limit) => limit > 0 ? $"{rate / limit:G3}x" : "n/a";

    /// <summary>A rate with one decimal below 100/s (intake on a busy machine runs at a few per second), whole above.</summary>
    public static string Rate(double perSecond) => perSecond < 100 ? $"{perSecond:0.0}" : $"{perSecond:0}";
}
