using System.Text.Json;
using Oversight.Complaints.Domain.Catalogues;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Model;

namespace Oversight.Complaints.Infrastructure;

/// <summary>The row to store after a step: the domain's new value written back over a copy of the old row, version + 1 (pure).</summary>
public static class TransitionedRow
{
    public static ComplaintRow From(ComplaintRow before, ComplaintAggregate after, string action, DateTimeOffset at)
    {
        var row = before.Clone();
        var details = after.Details;
        row.Status = LifecycleStatuses.StatusOf(after.State, after.Kind, action);
        row.Version = before.Version + 1;
        row.LastChangedAt = at.UtcDateTime;

        // A tip taken up as a finding changes its kind, its author and whom it is about.
        row.Kind = after.Kind.Name();
        row.ReporterCategory = details.Reporter?.Category.Name();
        row.ReportedName = details.Reported?.Name ?? "";
        row.ReportedNip = details.Reported?.Nip ?? "";
        row.ReportedPosition = details.Reported?.Position ?? "";
        row.ReportedAgency = details.Reported?.Agency ?? "";
        row.ReportedAddress = details.Reported?.Address ?? "";
        row.EmployingRegionCode = after.EmployingRegionCode;
        row.BecameKnownAt = details.BecameKnownAt?.UtcDateTime;

        // Completion may replace the material details and what is still open.
        row.ViolationType = details.ViolationType;
        row.OccurredAt = details.OccurredAt?.UtcDateTime;
        row.Place = details.Place ?? "";
        row.Description = details.Description ?? "";
        row.Evidence = JsonSerializer.Serialize(details.Evidence.Select(e => new EvidenceJson(e.Url, e.Sha256, e.Description)), ComplaintRow.Json);
        row.OpenRequirements = JsonSerializer.Serialize(
            after.Assessment.Failures.Select(f => new RequirementJson(f.Field, f.Rule, f.Category == RequirementCategory.Formal ? "formal" : "material")),
            ComplaintRow.Json);
        row.DetailsReceivedAt = after.ReceivedAt.UtcDateTime;

        if (after.RegistrationNumber is { } number && before.RegistrationNumber is null)
        {
            row.RegistrationNumber = number.ToString();
            row.RegistrationOffice = number.OfficeCode;
            row.RegistrationYear = number.Year;
            row.RegistrationSequence = number.Sequence;
            row.RegisteredAt = after.RegisteredAt?.UtcDateTime;
        }

        row.ReviewExtended = after.ReviewExtended;
        if (after.Decision is { } decision)
        {
            row.Outcome = decision.Outcome.Name();
            row.DecisionReasoning = decision.Reasoning;
            row.DecidedViolationType = decision.ViolationType;
            row.DecisionLate = decision.Late;
            row.DecidedAt = decision.DecidedAt.UtcDateTime;
        }
        row.RecommendationRef = after.RecommendationReference;
        row.RecommendedAt = after.RecommendedAt?.UtcDateTime;
        row.VerifiedAt = after.VerifiedAt?.UtcDateTime;
        row.EscalationLevel = after.EscalationLevel;
        row.LastEscalatedAt = after.LastEscalatedAt?.UtcDateTime;
        if (after.Sanction is { } sanction)
        {
            row.SanctionCode = sanction.SanctionCode;
            row.SanctionLevel = SanctionCatalogue.Find(sanction.SanctionCode)?.Level?.Name();
            row.MoralSanctionCodes = JsonSerializer.Serialize(sanction.MoralSanctionCodes, ComplaintRow.Json);
            row.DecreeRef = sanction.DecreeReference;
            row.SanctionedAt = sanction.ImposedAt.UtcDateTime;
        }
        row.ClosingNote = after.ClosingNote;
        if (after.State.IsFinal() && before.ClosedAt is null)
        {
            row.ClosedAt = at.UtcDateTime;
        }
        return row;
    }
}
