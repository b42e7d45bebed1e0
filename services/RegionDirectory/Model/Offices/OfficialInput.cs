namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>An official as a caller sends it: wire strings, "" for absent. Field names follow the proto.</summary>
public sealed record OfficialInput(
    string Id,
    string RegionCode,
    string Role,
    string Name,
    string TermStart,
    string TermEnd = "",
    string Note = "");
