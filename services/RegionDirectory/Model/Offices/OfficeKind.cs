namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>
/// The kinds of office the directory knows, as the lower-case strings stored and sent over the wire
/// (like a region's kind), so a new kind needs no contract change.
/// </summary>
public static class OfficeKind
{
    /// <summary>Election supervisor (province or regency/city); handles ASN-neutrality complaints.</summary>
    public const string Bawaslu = "bawaslu";

    /// <summary>Election commission: runs the election, does not handle complaints.</summary>
    public const string Kpu = "kpu";

    /// <summary>Regional civil-service agency: BKD in provinces, BKPSDM (or BKD) in regencies/cities.</summary>
    public const string CivilServiceAgency = "bkd";

    /// <summary>The regional government (Pemda: Pemprov, Pemkab, Pemkot), seat of the regional head.</summary>
    public const string RegionalGovernment = "pemda";

    /// <summary>A posko pengaduan netralitas ASN: a complaint desk open for a period.</summary>
    public const string ComplaintDesk = "complaint_desk";

    /// <summary>Badan Kepegawaian Negara: national, receives Bawaslu's recommendations (since Perpres 92/2024, in place of KASN).</summary>
    public const string Bkn = "bkn";

    public static IReadOnlyList<string> All { get; } = [Bawaslu, Kpu, CivilServiceAgency, RegionalGovernment, ComplaintDesk, Bkn];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);

    /// <summary>National offices have no region: the region tree's roots are the provinces, there is no national row.</summary>
    public static bool IsNational(string kind) => kind == Bkn;
}
