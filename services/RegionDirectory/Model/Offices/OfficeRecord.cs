namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>An office with its contacts. Optional texts are null when absent, never "".</summary>
public sealed record OfficeRecord
{
    public required Guid Id { get; init; }
    public required string Kind { get; init; }

    /// <summary>Null for a national office (BKN).</summary>
    public string? RegionCode { get; init; }

    public required string Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>For offices that take machine notifications: an absolute http(s) URL.</summary>
    public string? WebhookUrl { get; init; }

    public string? Address { get; init; }

    /// <summary>Complaint desks: when the desk is staffed, free text ("Senin-Jumat 08.00-16.00 WITA").</summary>
    public string? OpeningHours { get; init; }

    /// <summary>Complaint desks: the inclusive period the desk is open; an open end means until further notice.</summary>
    public DateOnly? OpenFrom { get; init; }
    public DateOnly? OpenUntil { get; init; }
}
