namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Roles of officials in a region, as stored and sent over the wire.</summary>
public static class OfficialRole
{
    /// <summary>The elected governor, bupati or wali kota.</summary>
    public const string RegionalHead = "regional_head";

    /// <summary>Pj: acting head filling a vacant post.</summary>
    public const string ActingHeadPj = "acting_head_pj";

    /// <summary>Pjs: acting head while the incumbent is on campaign leave; the term is the leave.</summary>
    public const string ActingHeadPjs = "acting_head_pjs";

    /// <summary>Sekretaris Daerah: the senior career official.</summary>
    public const string Sekda = "sekda";

    /// <summary>An explicit PPK designation: overrides the head as the official who imposes sanctions.</summary>
    public const string PpkDesignation = "ppk";

    /// <summary>Head of the regional civil-service agency (BKD / BKPSDM).</summary>
    public const string CivilServiceAgencyHead = "bkd_head";

    public const string BawasluChair = "bawaslu_chair";

    public static IReadOnlyList<string> All { get; } =
        [RegionalHead, ActingHeadPj, ActingHeadPjs, Sekda, PpkDesignation, CivilServiceAgencyHead, BawasluChair];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static bool IsActingHead(string role) => role is ActingHeadPj or ActingHeadPjs;
}
