using Grpc.Core;
using Oversight.FaultTests.Faults;
using Oversight.FaultTests.Invariants;

namespace Oversight.FaultTests;

/// <summary>What one fault case measured, and its Jepsen-style report lines.</summary>
public sealed record FaultOutcome(
    string Fault,
    int Acknowledged,
    double Rate,
    double KilledAt,
    double BackAt,
    int AcknowledgedWhileDown,
    bool HeldDown,
    double? RecoverySeconds,
    double RecoveryBoundSeconds,
    double LoadStoppedAt,
    double IntakeGapSeconds,
    int GivenUp,
    StorageCount Storage,
    ReportingComparison Reporting,
    NotificationCount Notifications,
    Backlog Backlog,
    IReadOnlyDictionary<StatusCode, int> FailuresByStatus,
    IReadOnlyList<string> OtherFailures,
    IReadOnlyList<HealthReading> Health,
    IReadOnlyList<string> WatchedServices,
    IReadOnlyList<string> FailingChecks,
    bool ResendAllowed,
    int NewResends,
    bool OneOfSeveral)
{
    private static readonly StatusCode[] Expected = [StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted];

    public int OtherFailureCount => FailuresByStatus.Where(p => !Expected.Contains(p.Key)).Sum(p => p.Value);

    /// <summary>
    /// /health named the fault while it lasted: for a server, every watched service reported one of the server's checks
    /// as not healthy at least once; for a killed service, its own /health did not answer, or, where the killed process
    /// was one instance of several (<see cref="OneOfSeveral"/>), the service still answered it through another instance.
    /// </summary>
    public bool HealthNamedTheFault => Health.GroupBy(r => r.Service).Count() == WatchedServices.Count
        && Health.GroupBy(r => r.Service).All(readings => FailingChecks.Count == 0
            ? OneOfSeveral ? readings.Any(r => r.HttpStatus == 200) : readings.Any(r => r.HttpStatus == 0)
            : readings.Any(r => r.FailingChecks.Any(c => FailingChecks.Any(name => c.Contains(name, StringComparison.OrdinalIgnoreCase)))));

    public bool Recovered => RecoverySeconds is not null;

    /// <summary>Every event reached the receiver; a second call only where the fault allows it (<see cref="Fault.MayResendWebhooks"/>).</summary>
    public bool NotificationsHold => Notifications.Complete && (NewResends == 0 || ResendAllowed);

    public IEnumerable<string> Lines()
    {
        var errors = string.Join(", ", Expected.Select(s => $"{s}={FailuresByStatus.GetValueOrDefault(s)}")) + $", other={OtherFailureCount}";
        var notifications = !NotificationsHold
            ? $"FAILED(missing={Notifications.Missing}, resent={NewResends}, deliveries sent={Notifications.DeliveriesSent}/{Notifications.Expected}, not sent={Notifications.DeliveriesNotSent})"
            : NewResends == 0 ? "ok(once)"
            : $"ok(at-least-once: {NewResends} webhook calls repeated with the same event id)";
        yield return $"[{Fault}] load: {Acknowledged} ok'd submissions at ~{Rate:0.0}/s | fault: kill -9 {(OneOfSeveral ? "one instance of " : "")}{Fault} at t={KilledAt:0.0}s, back at t={BackAt:0.0}s, {AcknowledgedWhileDown} ok'd while down"
            + $" | recovery: {(Recovered ? $"{RecoverySeconds:0.0}s" : $"NOT within {RecoveryBoundSeconds:0}s")}"
            + $" | lost={Storage.Lost} duplicated={Storage.Duplicated} | reporting={(Reporting.Holds ? "ok" : "FAILED")} notifications={notifications}"
            + $" | errors: {errors}";
        yield return $"    whole run so far: {Storage.Acknowledged} ok'd, {Storage.Stored} stored, {Storage.Unacknowledged} stored but never ok'd (desks gave up on {GivenUp} this case);"
            + $" webhook events {Notifications.Received}/{Notifications.Expected} ({Notifications.Duplicated} calls repeated in all); outbox unpublished={Backlog.Unpublished}, queued={Backlog.Queued}, dead-lettered={Backlog.DeadLettered};"
            + $" longest intake gap {IntakeGapSeconds:0.0}s{(HeldDown ? "" : "; NOTE: the supervisor restarted it before the hold ended")}";
        yield return "    /health during the outage: " + (Health.Count == 0 ? "no readings" : string.Join("; ",
            Health.GroupBy(r => r.Summary).Select(g => $"{g.Key} (x{g.Count()})")));
        foreach (var difference in Reporting.Differences.Take(5)) yield return "    reporting differs: " + difference;
        foreach (var other in OtherFailures) yield return "    other error: " + other;
        foreach (var reason in Backlog.DeadLetterReasons) yield return "    dead letter: " + reason;
    }
}
