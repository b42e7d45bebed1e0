using System.Text.Json;
using Oversight.Catalogues;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Complaints.Model;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// The complaint's row from the domain's value (pure), the one map from the aggregate to the <c>complaints</c> table:
/// a new row at intake, and after a step the domain's new value written back over a copy of the old row, version + 1.
/// </summary>
public static class ComplaintRowMapper
{
    /// <summary>The row intake inserts: what only storage knows (<paramref name="intake"/>) and the domain's value after intake.</summary>
    public static ComplaintRow AtIntake(IntakeRecord intake, ComplaintAggregate complaint)
    {
        var row = new ComplaintRow
        {
            Id = complaint.Id,
            Regime = complaint.Regime.Id,
            RegionCode = complaint.RegionCode,
            HandlingOffice = intake.Routing.OfficeName,
            HandlingOfficeId = intake.Routing.OfficeId,
            HandlingOfficeCode = complaint.HandlingOfficeCode,
            HandlingRegionCode = intake.Routing.OfficeRegionCode,
            PpkName = intake.Routing.PpkName,
            PpkRole = intake.Routing.PpkRole,
            ReceivedAt = complaint.FiledAt.UtcDateTime,
            SignatureAttested = complaint.Details.SignatureAttested,
            ReporterIdentity = intake.SealedReporter,
            TrackingCode = intake.TrackingCode,
            PinHash = intake.PinHash,
            OutsideElectionPeriod = complaint.Assessment.OutsideElectionPeriod,
            CreatedBy = intake.CreatedBy,
            IdempotencyKey = intake.IdempotencyKey,
            RequestHash = intake.RequestHash,
        };
        Write(row, row, complaint, TransitionTable.Submit);
        return row;
    }

    /// <summary>The row to store after a step <paramref name="action"/> at <paramref name="at"/>.</summary>
    public static ComplaintRow AfterStep(ComplaintRow before, ComplaintAggregate after, string action, DateTimeOffset at)
    {
        var row = before.Clone();
        row.Version = before.Version + 1;
        row.LastChangedAt = at.UtcDateTime;
        Write(row, before, after, action);
        row.DetailsReceivedAt = after.ReceivedAt.UtcDateTime;
        if (after.State.IsFinal() && before.ClosedAt is null)
        {
            row.ClosedAt = at.UtcDateTime;
        }
        return row;
    }

    private static void Write(ComplaintRow row, ComplaintRow before, ComplaintAggregate after, string action)
    {
        var details = after.Details;
        row.Status = LifecycleStatuses.StatusOf(after.State, after.Kind, action);

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
    }
}

/// <summary>What only storage knows of a new complaint: the routing's names, the sealed reporter, the reporter's
/// tracking code and PIN hash, and who submitted it under which idempotency key and request fingerprint.</summary>
public sealed record IntakeRecord(
    IntakeRouting Routing, byte[]? SealedReporter, string? TrackingCode, string? PinHash, string CreatedBy, string? IdempotencyKey, byte[]? RequestHash);
