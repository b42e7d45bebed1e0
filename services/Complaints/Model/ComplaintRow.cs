using System.Globalization;
using System.Text.Json;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Model;

/// <summary>A row of the <c>complaints</c> table: what is stored at intake. Instants are UTC (Npgsql reads timestamptz as UTC DateTime).</summary>
public sealed class ComplaintRow
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Regime { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public int ViolationType { get; set; }
    public string Description { get; set; } = "";
    public string HandlingOffice { get; set; } = "";
    public string HandlingOfficeId { get; set; } = "";
    public string HandlingOfficeCode { get; set; } = "";
    public string HandlingRegionCode { get; set; } = "";
    public string EmployingRegionCode { get; set; } = "";
    public string? PpkName { get; set; }
    public string? PpkRole { get; set; }
    public string Status { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime? OccurredAt { get; set; }
    public string Place { get; set; } = "";
    public DateTime? BecameKnownAt { get; set; }
    public string ReportedName { get; set; } = "";
    public string ReportedNip { get; set; } = "";
    public string ReportedPosition { get; set; } = "";
    public string ReportedAgency { get; set; } = "";
    public string ReportedAddress { get; set; } = "";

    /// <summary>JSON array of <see cref="EvidenceJson"/>.</summary>
    public string Evidence { get; set; } = "[]";

    public bool SignatureAttested { get; set; }
    public string? ReporterCategory { get; set; }

    /// <summary>Sealed; opened only by an audited identity read (not in this slice).</summary>
    public byte[]? ReporterIdentity { get; set; }

    public string? TrackingCode { get; set; }
    public string? PinHash { get; set; }
    public bool OutsideElectionPeriod { get; set; }

    /// <summary>JSON array of <see cref="RequirementJson"/>.</summary>
    public string OpenRequirements { get; set; } = "[]";

    public string? RegistrationNumber { get; set; }
    public string? RegistrationOffice { get; set; }
    public int? RegistrationYear { get; set; }
    public int? RegistrationSequence { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    /// <summary>The submission's <see cref="SubmissionFingerprint"/>, to tell a retry from a reused key.</summary>
    public byte[]? RequestHash { get; set; }
    public int Version { get; set; } = 1;

    // ---- the lifecycle after intake (Migrations/0004_lifecycle.sql) ----

    /// <summary>When the current details were received (completion moves it); null = <see cref="ReceivedAt"/>.</summary>
    public DateTime? DetailsReceivedAt { get; set; }

    /// <summary>The instant of the last change; null = the registration or receipt.</summary>
    public DateTime? LastChangedAt { get; set; }

    public bool ReviewExtended { get; set; }
    public string? Outcome { get; set; }
    public string? DecisionReasoning { get; set; }
    public int? DecidedViolationType { get; set; }
    public bool DecisionLate { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? RecommendationRef { get; set; }
    public DateTime? RecommendedAt { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public int EscalationLevel { get; set; }
    public DateTime? LastEscalatedAt { get; set; }
    public string? SanctionCode { get; set; }
    public string? SanctionLevel { get; set; }

    /// <summary>JSON array of moral sanction codes.</summary>
    public string MoralSanctionCodes { get; set; } = "[]";

    public string? DecreeRef { get; set; }
    public DateTime? SanctionedAt { get; set; }
    public string? ClosingNote { get; set; }
    public DateTime? ClosedAt { get; set; }

    public ComplaintRow Clone() => (ComplaintRow)MemberwiseClone();
}

public sealed record EvidenceJson(string? Url, string? Sha256, string? Description);

public sealed record RequirementJson(string Field, string Rule, string Category);

/// <summary>The answers built from a stored row (pure).</summary>
public static class ComplaintReplies
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The submission's answer. <paramref name="pin"/> is only known to the first answer; a replay passes null.</summary>
    public static SubmitComplaintReply ToSubmitReply(ComplaintRow row, string? pin, bool replayed)
    {
        var reply = new SubmitComplaintReply
        {
            ComplaintId = row.Id.ToString(),
            Status = row.Status,
            RegistrationNumber = row.RegistrationNumber ?? "",
            TrackingCode = row.TrackingCode is { } code ? GroupedTrackingCode(code) : "",
            Pin = pin ?? "",
            HandlingOffice = Office(row),
            OutsideElectionPeriod = row.OutsideElectionPeriod,
            Replayed = replayed,
            RegionCode = row.RegionCode,
            ReceivedAt = Rfc3339(row.ReceivedAt),
        };
        if (row.PpkName is { Length: > 0 })
        {
            reply.Ppk = new Ppk { Name = row.PpkName, Role = row.PpkRole ?? "" };
        }
        reply.OpenRequirements.Add(Requirements(row));
        return reply;
    }

    /// <summary>The public state: everything but the reporter's identity, tracking code and PIN hash.</summary>
    public static Complaint ToComplaint(ComplaintRow row)
    {
        var complaint = new Complaint
        {
            ComplaintId = row.Id.ToString(),
            RegionCode = row.RegionCode,
            ViolationType = row.ViolationType,
            Description = row.Description,
            HandlingOffice = Office(row),
            Status = row.Status,
            ReceivedAt = Rfc3339(row.ReceivedAt),
            Kind = row.Kind,
            RegistrationNumber = row.RegistrationNumber ?? "",
            RegisteredAt = row.RegisteredAt is { } registered ? Rfc3339(registered) : "",
            OutsideElectionPeriod = row.OutsideElectionPeriod,
            Reported = new ReportedPerson
            {
                Name = row.ReportedName,
                Nip = row.ReportedNip,
                Position = row.ReportedPosition,
                Agency = row.ReportedAgency,
                Address = row.ReportedAddress,
                RegionCode = row.EmployingRegionCode,
            },
            OccurredAt = row.OccurredAt is { } occurred ? Rfc3339(occurred) : "",
            Place = row.Place,
            BecameKnownAt = row.BecameKnownAt is { } known ? Rfc3339(known) : "",
            ReporterCategory = row.ReporterCategory ?? "",
            Version = row.Version,
        };
        if (row.PpkName is { Length: > 0 })
        {
            complaint.Ppk = new Ppk { Name = row.PpkName, Role = row.PpkRole ?? "" };
        }
        complaint.OpenRequirements.Add(Requirements(row));
        complaint.Evidence.Add(JsonSerializer.Deserialize<List<EvidenceJson>>(row.Evidence, Json)!
            .Select(e => new Evidence { Url = e.Url ?? "", Sha256 = e.Sha256 ?? "", Description = e.Description ?? "" }));
        return Lifecycle.LifecycleReplies.AddLifecycle(complaint, row);
    }

    /// <summary>What the reporter sees with the tracking code and PIN.</summary>
    public static TrackedComplaint ToTracked(ComplaintRow row) => new()
    {
        Status = row.Status,
        RegistrationNumber = row.RegistrationNumber ?? "",
        ReceivedAt = Rfc3339(row.ReceivedAt),
        RegisteredAt = row.RegisteredAt is { } registered ? Rfc3339(registered) : "",
        HandlingOfficeName = row.HandlingOffice,
        Decision = row.Outcome ?? "",
    };

    public static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static HandlingOffice Office(ComplaintRow row) =>
        new() { Id = row.HandlingOfficeId, Name = row.HandlingOffice, RegionCode = row.HandlingRegionCode };

    private static IEnumerable<RequirementFailure> Requirements(ComplaintRow row) =>
        JsonSerializer.Deserialize<List<RequirementJson>>(row.OpenRequirements, Json)!
            .Select(r => new RequirementFailure { Field = r.Field, Rule = r.Rule, Category = r.Category });

    // The stored compact form, shown grouped (XXXX-XXXXXX).
    private static string GroupedTrackingCode(string compact) =>
        Infrastructure.Privacy.TrackingCode.TryParse(compact, out var code) ? code.ToString() : compact;
}
