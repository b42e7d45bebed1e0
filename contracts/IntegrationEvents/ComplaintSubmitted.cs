namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// A complaint was taken in and stored by the complaints service (registered, waiting for completion, or
/// logged as informasi awal). Carries no reporter data and neither the accused's name nor NIP.
/// </summary>
public sealed record ComplaintSubmitted : ComplaintChange
{
    /// <summary>Violation type number from the SKB 2022 catalogue (1-12); 0 when not classified (informasi awal).</summary>
    public required int ViolationType { get; init; }

    /// <summary>The name of the Bawaslu office that handles it, as routed by the region directory.</summary>
    public required string HandlingOffice { get; init; }

    /// <summary><c>laporan</c>, <c>temuan</c> or <c>informasi_awal</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The status after intake: <c>registered</c>, <c>needs_completion</c> or <c>logged</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The directory's id of the handling Bawaslu office.</summary>
    public string HandlingOfficeId { get; init; } = "";

    /// <summary>Kemendagri code of the handling office's region (<c>52.71</c>, <c>52</c>); empty for Bawaslu RI.</summary>
    public string HandlingRegionCode { get; init; } = "";

    /// <summary><c>52.71/LP/2026/0001</c> when registered at intake; null otherwise.</summary>
    public string? RegistrationNumber { get; init; }

    /// <summary>The region was not in its election's campaign period on the date of the event.</summary>
    public bool OutsideElectionPeriod { get; init; }

    /// <summary>When the complaint was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The agency the accused works for (an institution, not personal data); empty when not given.</summary>
    public string AccusedAgency { get; init; } = "";
}
