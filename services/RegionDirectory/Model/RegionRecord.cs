namespace Oversight.RegionDirectory.Model;

public sealed class RegionRecord
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required StoredRegionLevel Level { get; init; }
    public string? ParentCode { get; init; }
    public required string Decree { get; init; }

    /// <summary>provinsi, kabupaten or kota.</summary>
    public string Kind { get; init; } = "";

    public string HandlingOffice => Level == StoredRegionLevel.Province ? $"Bawaslu Provinsi {Name}" : $"Bawaslu {Name}";
}
