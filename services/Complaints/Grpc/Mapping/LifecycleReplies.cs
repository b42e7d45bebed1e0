using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>The lifecycle's public fields of a complaint (pure): decision, recommendation, sanction, closing and open deadlines.</summary>
public static class LifecycleReplies
{
    public static Complaint AddLifecycle(Complaint complaint, ComplaintRow row)
    {
        complaint.Outcome = row.Outcome ?? "";
        complaint.DecidedAt = Instant(row.DecidedAt);
        complaint.DecidedViolationType = row.DecidedViolationType ?? 0;
        complaint.DecisionLate = row.DecisionLate;
        complaint.ReviewExtended = row.ReviewExtended;
        complaint.RecommendationReference = row.RecommendationRef ?? "";
        complaint.RecommendedAt = Instant(row.RecommendedAt);
        complaint.VerifiedAt = Instant(row.VerifiedAt);
        complaint.EscalationLevel = row.EscalationLevel;
        complaint.ClosingNote = row.ClosingNote ?? "";
        complaint.ClosedAt = Instant(row.ClosedAt);
        complaint.EmployingRegionCode = row.EmployingRegionCode;
        if (row.SanctionCode is { } code)
        {
            complaint.Sanction = new ImposedSanction
            {
                SanctionCode = code,
                Level = row.SanctionLevel ?? "",
                DecreeReference = row.DecreeRef ?? "",
                ImposedAt = Instant(row.SanctionedAt),
            };
            complaint.Sanction.MoralSanctionCodes.Add(ComplaintFromRow.MoralCodes(row));
        }
        if (!ComplaintFromRow.CanRebuild(row))
        {
            return complaint;
        }
        complaint.Deadlines.Add(ComplaintDeadlines.Open(ComplaintFromRow.ToDomain(row))
            .Where(d => !d.Informational)
            .OrderBy(d => d.DueAt)
            .Select(d => new ComplaintDeadline { Kind = d.Kind, Owner = d.Owner, DueAt = ComplaintReplies.Rfc3339(d.DueAt.UtcDateTime) }));
        return complaint;
    }

    private static string Instant(DateTime? utc) => utc is { } value ? ComplaintReplies.Rfc3339(value) : "";
}
