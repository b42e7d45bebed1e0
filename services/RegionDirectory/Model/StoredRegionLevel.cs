using Oversight.Regions;

namespace Oversight.RegionDirectory.Model;

/// <summary>Stored as smallint in regions.level.</summary>
public enum StoredRegionLevel : short
{
    Province = 1,
    RegencyCity = 2,
}

/// <summary>The directory's stored level of a Kemendagri code; the code rule itself is <see cref="RegionCode"/>.</summary>
public static class StoredRegionLevels
{
    public static StoredRegionLevel Of(string code) => RegionCode.IsProvince(code) ? StoredRegionLevel.Province : StoredRegionLevel.RegencyCity;
}
