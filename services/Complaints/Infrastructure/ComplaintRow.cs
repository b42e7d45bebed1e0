using System.Text.Json;

namespace Oversight.Complaints.Infrastructure;

/// <summary>A row of the <c>complaints</c> table: what is stored at intake. Instants are UTC (Npgsql reads timestamptz as UTC DateTime).</summary>
public sealed class ComplaintRow
{
    /// <summary>How the row's JSON columns (evidence, open requirements, moral sanction codes) are written and read.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
    /// <summary>The submission's fingerprint (Grpc/Mapping/SubmissionFingerprint), to tell a retry from a reused key.</summary>
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
