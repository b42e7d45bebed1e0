namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>An official holding a role in a region for a term of inclusive dates.</summary>
public sealed record OfficialRecord
{
    public required Guid Id { get; init; }
    public required string RegionCode { get; init; }
    public required string Role { get; init; }
    public required string Name { get; init; }
    public required DateOnly TermStart { get; init; }

    /// <summary>Null while the term runs (or its end is not known).</summary>
    public DateOnly? TermEnd { get; init; }

    /// <summary>Free text, e.g. the decree of appointment or "on campaign leave 2024-09-23 - 2024-11-23".</summary>
    public string? Note { get; init; }

    public bool InOfficeOn(DateOnly date) => TermStart <= date && (TermEnd is null || date <= TermEnd);
}
