using Oversight.Complaints.Domain.Intake;

namespace Oversight.Complaints.Model;

/// <summary>What intake refuses at the API and the status of what it stores (pure).</summary>
public static class IntakeRefusals
{
    /// <summary>
    /// The failures that refuse a submission at the API (InvalidArgument, nothing stored): every formal one
    /// (who reports, about whom, the filing window, the signature) and every one the reporter cannot cure
    /// (a late filing, an empty tip). Material-only failures are stored as needs_completion instead.
    /// </summary>
    public static IReadOnlyList<string> RefusalErrors(IntakeAssessment assessment) =>
        [.. assessment.Failures.Where(f => f.Category == RequirementCategory.Formal || !f.Curable).Select(f => f.ToString())];

    /// <summary>The status a submission that passed <see cref="RefusalErrors"/> is stored with.</summary>
    public static string StatusAfterIntake(IntakeAssessment assessment) => assessment.Verdict switch
    {
        IntakeVerdict.Registrable => ComplaintStatuses.Registered,
        IntakeVerdict.NeedsCompletion => ComplaintStatuses.NeedsCompletion,
        IntakeVerdict.Logged => ComplaintStatuses.Logged,
        _ => throw new InvalidOperationException("A refused submission is never stored."),
    };
}
