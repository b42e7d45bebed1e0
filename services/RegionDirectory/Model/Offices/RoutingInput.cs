namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>
/// What routing needs, already loaded: both regions' chains (the region itself first, then each parent),
/// and the offices and officials of every region in them plus the national offices.
/// </summary>
public sealed record RoutingInput(
    IReadOnlyList<string> RegionChain,
    IReadOnlyList<string> EmployingChain,
    DateOnly Date,
    IReadOnlyList<OfficeRecord> Offices,
    IReadOnlyList<OfficialRecord> Officials);
