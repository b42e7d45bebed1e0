namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>An office as a caller sends it: wire strings, "" for absent. Field names follow the proto.</summary>
public sealed record OfficeInput(
    string Id,
    string Kind,
    string RegionCode,
    string Name,
    string Email = "",
    string Phone = "",
    string WebhookUrl = "",
    string Address = "",
    string OpeningHours = "",
    string OpenFrom = "",
    string OpenUntil = "");
