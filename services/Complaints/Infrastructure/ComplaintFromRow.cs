using System.Text.Json;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using Oversight.Complaints.Model;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// Rebuilds the domain's <see cref="Complaint"/> from a stored row, so that a lifecycle call applies the
/// domain's own rules (pure). The history is reduced to its last instant: the domain only needs it to refuse a step
/// dated before the last one. The reporter is rebuilt from the stored category alone (the identity stays sealed):
/// the formal requirements were checked at intake, and no lifecycle step changes who reported.
/// </summary>
public static class ComplaintFromRow
{
    /// <summary>The action name of the synthetic history entry that stands for everything before the load.</summary>
    public const string LoadedAction = "loaded";

    /// <summary>False for a row with no known kind or regime (the database's defaults make every stored row rebuildable).</summary>
    public static bool CanRebuild(ComplaintRow row) =>
        LifecycleStatuses.ParseKind(row.Kind) is not null && ElectionRegimes.Find(row.Regime) is not null;

    public static ComplaintAggregate ToDomain(ComplaintRow row)
    {
        var kind = LifecycleStatuses.ParseKind(row.Kind) ?? throw new InvalidOperationException($"Complaint {row.Id} has an unknown kind.");
        var regime = ElectionRegimes.Find(row.Regime) ?? throw new InvalidOperationException($"Complaint {row.Id} has an unknown regime.");
        var state = LifecycleStatuses.StateOf(row.Status);
        var lastChange = Utc(row.LastChangedAt ?? row.RegisteredAt ?? row.ReceivedAt);
        return new ComplaintAggregate
        {
            Id = row.Id,
            Kind = kind,
            RegionCode = row.RegionCode,
            HandlingOfficeCode = row.HandlingOfficeCode,
            Regime = regime,
            Details = Details(row),
            Assessment = new IntakeAssessment(kind, Failures(row), row.OutsideElectionPeriod),
            State = state,
            FiledAt = Utc(row.ReceivedAt),
            ReceivedAt = Utc(row.DetailsReceivedAt ?? row.ReceivedAt),
            History = [new HistoryEntry(null, state, LoadedAction, "", "", lastChange, null)],
            RegistrationNumber = RegistrationNumber.TryParse(row.RegistrationNumber, out var number) ? number : null,
            RegisteredAt = Utc(row.RegisteredAt),
            ReviewExtended = row.ReviewExtended,
            Decision = row.Outcome is { } outcome
                ? new ComplaintDecision(LifecycleStatuses.ParseOutcome(outcome) ?? throw new InvalidOperationException($"Complaint {row.Id} has an unknown outcome."),
                    row.DecisionReasoning ?? "", row.DecidedViolationType, Utc(row.DecidedAt ?? row.LastChangedAt ?? row.ReceivedAt), row.DecisionLate)
                : null,
            RecommendationReference = row.RecommendationRef,
            RecommendedAt = Utc(row.RecommendedAt),
            VerifiedAt = Utc(row.VerifiedAt),
            EscalationLevel = row.EscalationLevel,
            LastEscalatedAt = Utc(row.LastEscalatedAt),
            Sanction = row.SanctionCode is { } code
                ? new ImposedSanction(code, MoralCodes(row), row.DecreeRef ?? "", Utc(row.SanctionedAt ?? row.LastChangedAt ?? row.ReceivedAt))
                : null,
            ClosingNote = row.ClosingNote,
        };
    }

    public static ComplaintDetails Details(ComplaintRow row)
    {
        var reported = new ReportedPersonDetails
        {
            Name = Blank(row.ReportedName),
            Nip = Blank(row.ReportedNip),
            Position = Blank(row.ReportedPosition),
            Agency = Blank(row.ReportedAgency),
            Address = Blank(row.ReportedAddress),
            RegionCode = Blank(row.EmployingRegionCode),
        };
        return new ComplaintDetails
        {
            Reporter = LifecycleStatuses.ParseCategory(row.ReporterCategory) is { } category ? new ReporterDetails { Category = category } : null,
            Reported = reported == new ReportedPersonDetails() ? null : reported,
            ViolationType = row.ViolationType,
            OccurredAt = Utc(row.OccurredAt),
            Place = Blank(row.Place),
            BecameKnownAt = Utc(row.BecameKnownAt),
            Description = Blank(row.Description),
            Evidence = [.. JsonSerializer.Deserialize<List<EvidenceJson>>(row.Evidence, ComplaintRow.Json)!
                .Select(e => new EvidenceItem { Url = e.Url, Sha256 = e.Sha256, Description = e.Description })],
            SignatureAttested = row.SignatureAttested,
        };
    }

    public static IReadOnlyList<string> MoralCodes(ComplaintRow row) =>
        JsonSerializer.Deserialize<List<string>>(row.MoralSanctionCodes, ComplaintRow.Json) ?? [];

    // Stored failures passed intake, so they are curable (a refused complaint is never stored).
    private static List<RequirementFailure> Failures(ComplaintRow row) =>
        [.. JsonSerializer.Deserialize<List<RequirementJson>>(row.OpenRequirements, ComplaintRow.Json)!
            .Select(r => new RequirementFailure(r.Field, r.Rule, r.Category == "formal" ? RequirementCategory.Formal : RequirementCategory.Material, Curable: true))];

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
