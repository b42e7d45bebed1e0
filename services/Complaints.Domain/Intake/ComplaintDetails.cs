namespace Oversight.Complaints.Domain.Intake;

/// <summary>The person who files a laporan (name, NIK, address) or the supervisor who made a temuan (name).</summary>
public sealed record ReporterDetails
{
    public required ReporterCategory Category { get; init; }
    public string? Name { get; init; }
    public string? Nik { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
}

/// <summary>The civil servant the complaint is about.</summary>
public sealed record ReportedPersonDetails
{
    public string? Name { get; init; }
    public string? Nip { get; init; }
    public string? Position { get; init; }
    public string? Agency { get; init; }

    /// <summary>The office or home address; with the name it identifies someone who has no known NIP.</summary>
    public string? Address { get; init; }

    /// <summary>The region whose government employs the person: its PPK imposes the sanction.</summary>
    public string? RegionCode { get; init; }
}

/// <summary>
/// One piece of evidence: a link, a content hash, or both (the file itself may be stored later, and the
/// hash lets anyone check it is the one that was handed in).
/// </summary>
public sealed record EvidenceItem
{
    public string? Url { get; init; }

    /// <summary>SHA-256 of the content, 64 hexadecimal digits.</summary>
    public string? Sha256 { get; init; }

    public string? Description { get; init; }
}

/// <summary>What a complaint says: who reports, about whom, what happened, when and where, and the evidence.</summary>
public sealed record ComplaintDetails
{
    /// <summary>Required for a laporan (identity) and a temuan (the supervisor); optional and never required for informasi awal.</summary>
    public ReporterDetails? Reporter { get; init; }

    public ReportedPersonDetails? Reported { get; init; }

    /// <summary>Number in <see cref="Catalogues.ViolationCatalogue"/>; 0 when not classified (allowed for informasi awal).</summary>
    public int ViolationType { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Where it happened, in words (street, venue, or the online platform and account).</summary>
    public string? Place { get; init; }

    /// <summary>When the violation became known to the reporter or supervisor: the filing window counts from it.</summary>
    public DateTimeOffset? BecameKnownAt { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>
    /// The desk officer's attestation that the report's signature matches the reporter's KTP: a desk check
    /// (formal requirement), so the model only carries the officer's answer.
    /// </summary>
    public bool SignatureAttested { get; init; }
}
