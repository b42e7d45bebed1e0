using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>An instrument of the Oversight meter: its OpenTelemetry name, unit and the description the dashboard shows.</summary>
/// <param name="Name">Lower-case and dotted: <c>oversight.{area}.{what}</c>.</param>
/// <param name="Unit">
/// A UCUM unit, or a count of things as an annotation in braces (<c>{complaint}</c>), singular: the dashboard drops
/// the braces and writes "Complaints".
/// </param>
/// <param name="Description">One or two sentences: what is counted, when, and by which tags.</param>
public sealed record MetricDefinition(string Name, string Unit, string Description);

/// <summary>
/// Every instrument the services record on the <see cref="OversightTelemetry.Meter"/>, in one list, as the dashboard's
/// Metrics page shows them (docs/operations.md, "Metrics", lists the same). Each is created and recorded at the one
/// place where its event happens; this class only names and describes them.
/// </summary>
public static class OversightMetrics
{
    /// <summary>Recorded once per stored submission, after the commit (complaints: SubmitComplaint).</summary>
    public static readonly MetricDefinition ComplaintsSubmitted = new(
        "oversight.complaints.submitted", "{complaint}",
        "Complaints taken in and stored by intake, by kind (laporan, temuan, informasi_awal) and by status after intake "
        + "(registered, needs_completion, logged). A replayed submission (same idempotency key) is not counted again.");

    /// <summary>Recorded where SubmitComplaint answers InvalidArgument (complaints: SubmitComplaint).</summary>
    public static readonly MetricDefinition ComplaintsRefused = new(
        "oversight.complaints.refused", "{submission}",
        "Submissions refused at intake by the intake rules, nothing stored, by reason: malformed (a field fails its "
        + "format), formal_requirement (a formal requirement is missing) or uncurable (filed after the filing window, or "
        + "an informasi awal without a description).");

    /// <summary>Recorded by the intake rate limiter's rejection (complaints: IntakeRateLimit).</summary>
    public static readonly MetricDefinition IntakeCallsRefused = new(
        "oversight.complaints.intake.refused", "{call}",
        "Intake calls turned away before they were read, so not judged at all, by reason: busy (the admission limit is "
        + "full) or client_rate (the office client is over its rate limit). Callers retry after the hint.");

    /// <summary>Observed after each pass of the deadline scheduler (complaints: DeadlineScheduler).</summary>
    public static readonly MetricDefinition ComplaintsOverdue = new(
        "oversight.complaints.overdue", "{complaint}",
        "Complaints with an open deadline past due now, by the deadline's owner (reporter, bawaslu, bkn, ppk), as the "
        + "deadline scheduler last counted them (every Complaints:Deadlines:PollInterval, 10 s).");

    /// <summary>Recorded when a deadline event is written to the outbox (complaints: DeadlineScheduler).</summary>
    public static readonly MetricDefinition DeadlinesRaised = new(
        "oversight.deadlines.raised", "{event}",
        "Deadline events written to the outbox, by event: approaching (the warning time passed) or missed (the deadline passed).");

    /// <summary>Recorded when intake routes from an answer older than FreshFor (complaints: RoutingCache).</summary>
    public static readonly MetricDefinition RoutingStaleAnswers = new(
        "oversight.complaints.routing.stale_answers", "{submission}",
        "Submissions routed from a kept answer older than FreshFor because the region directory was unavailable.");

    /// <summary>Observed from the outbox relay's last count (complaints and region-directory: OutboxRelay).</summary>
    public static readonly MetricDefinition OutboxBacklog = new(
        "oversight.outbox.backlog", "{message}",
        "Outbox messages written but not yet published to RabbitMQ, as the relay last counted them; grows while the broker is away.");

    /// <summary>Observed from the site link monitor's last look (a regional site's complaints service: SiteLinkMonitor).</summary>
    public static readonly MetricDefinition SiteLinkWaiting = new(
        "oversight.site.link.waiting", "{message}",
        "At a regional site: messages waiting in the site's link queue for the national centre (oversight.to-centre), "
        + "as last looked at (every 10 s); grows while the link is cut.");

    /// <summary>Observed from the site link monitor's last look (a regional site's complaints service: SiteLinkMonitor).</summary>
    public static readonly MetricDefinition SiteLinkOldestAge = new(
        "oversight.site.link.oldest_age", "s",
        "At a regional site: how long the oldest message waiting for the national centre has waited, in seconds (0 when none waits).");

    /// <summary>Every instrument above.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        ComplaintsSubmitted, ComplaintsRefused, IntakeCallsRefused, ComplaintsOverdue, DeadlinesRaised, RoutingStaleAnswers, OutboxBacklog,
        SiteLinkWaiting, SiteLinkOldestAge,
    ];

    /// <summary>A counter for the definition on the Oversight meter.</summary>
    public static Counter<long> CreateCounter(this MetricDefinition metric) =>
        OversightTelemetry.Meter.CreateCounter<long>(metric.Name, metric.Unit, metric.Description);

    /// <summary>A gauge for the definition on the Oversight meter, observed when the exporter collects.</summary>
    public static ObservableGauge<long> CreateObservableGauge(this MetricDefinition metric, Func<IEnumerable<Measurement<long>>> observe) =>
        OversightTelemetry.Meter.CreateObservableGauge(metric.Name, observe, metric.Unit, metric.Description);
}
