namespace Oversight.RegionDirectory.Model;

/// <summary>Stored as smallint in regions.level.</summary>
public enum RegionLevel : short
{
    Province = 1,
    RegencyCity = 2,
}
