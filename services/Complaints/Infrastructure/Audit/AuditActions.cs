namespace Oversight.Complaints.Infrastructure.Audit;

/// <summary>The action names of audit entries: dotted, lower case (the table checks the shape).</summary>
public static class AuditActions
{
    public const string ComplaintSubmitted = "complaint.submitted";
    public const string StatusChanged = "status.changed";
    public const string IdentityRead = "identity.read";
    public const string DecisionRecorded = "decision.recorded";
    public const string ReporterStatusViewed = "reporter.status_viewed";
}
