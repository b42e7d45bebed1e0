using System.Diagnostics.Metrics;
using Oversight.Complaints.Domain.Intake;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// The intake counters of the dashboard's Metrics page (<see cref="OversightMetrics.ComplaintsSubmitted"/> and
/// <see cref="OversightMetrics.ComplaintsRefused"/>), recorded by SubmitComplaint where it stores or refuses.
/// Calls turned away before they are read (busy, over the client's rate) are counted apart, by the rate limiter.
/// </summary>
public static class IntakeOutcomes
{
    /// <summary>A field fails its format (the request did not map to a submission).</summary>
    public const string Malformed = "malformed";

    /// <summary>A formal requirement is missing (who, whom, when filed, signature).</summary>
    public const string FormalRequirement = "formal_requirement";

    /// <summary>A failure completion cannot cure: filed after the filing window, or an informasi awal without a description.</summary>
    public const string Uncurable = "uncurable";

    private static readonly Counter<long> Submitted = OversightMetrics.ComplaintsSubmitted.CreateCounter();
    private static readonly Counter<long> Refused = OversightMetrics.ComplaintsRefused.CreateCounter();

    /// <summary>A submission stored (not a replay), with its kind and status after intake.</summary>
    public static void RecordStored(string kind, string status) =>
        Submitted.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status));

    /// <summary>A submission refused with InvalidArgument; <paramref name="assessment"/> is null when the request did not map.</summary>
    public static void RecordRefused(IntakeAssessment? assessment) =>
        Refused.Add(1, new KeyValuePair<string, object?>("reason", RefusalReason(assessment)));

    /// <summary>
    /// The reason tag of a refusal: malformed when there was nothing to assess; otherwise uncurable if any failure cannot
    /// be cured (completion could not save it), else formal_requirement.
    /// </summary>
    public static string RefusalReason(IntakeAssessment? assessment) =>
        assessment is null ? Malformed
        : assessment.Failures.Any(f => !f.Curable) ? Uncurable
        : FormalRequirement;
}
