namespace Oversight.Catalogues;

/// <summary>One entry of the ASN-neutrality violation catalogue.</summary>
/// <param name="Number">1-12, the row of the SKB 2022 table.</param>
/// <param name="NameId">The behaviour in Indonesian.</param>
/// <param name="NameEn">The behaviour in English.</param>
/// <param name="Level">The discipline sanction level the table sets for it.</param>
public sealed record ViolationType(int Number, string NameId, string NameEn, SanctionLevel Level);

/// <summary>
/// The twelve kinds of ASN-neutrality violation and their sanction level, from the 2022 Joint Decree
/// (SKB 2022 on ASN neutrality, Lampiran II, the discipline table). Data in one place: a later decree
/// replaces this list, not code scattered through the service.
/// </summary>
public static class ViolationCatalogue
{
    public const string Regulation = "SKB 2022 (Netralitas ASN), Lampiran II";

    public static IReadOnlyList<ViolationType> All { get; } =
    [
        new(1, "Memasang spanduk/baliho/alat peraga yang mempromosikan bakal calon/calon",
            "Installing banners or props promoting a (pre-)candidate", SanctionLevel.Heavy),
        new(2, "Sosialisasi/kampanye melalui media sosial/online bakal calon/calon",
            "Promoting or campaigning for a candidate on social or online media", SanctionLevel.Heavy),
        new(3, "Melakukan pendekatan ke partai politik (atau masyarakat, bagi calon perseorangan) sebagai bakal calon",
            "Approaching a party (or the public, for an independent) as a prospective candidate", SanctionLevel.Medium),
        new(4, "Menghadiri deklarasi/kampanye dan memberikan dukungan secara aktif",
            "Attending a declaration or campaign and actively supporting", SanctionLevel.Heavy),
        new(5, "Menjadi anggota atau pengurus partai politik",
            "Being a party member or officer", SanctionLevel.Dismissal),
        new(6, "Membuat posting, comment, share, like, bergabung/follow grup atau akun tim kampanye",
            "Posting, commenting, sharing, liking, joining or following a campaign-team group or account", SanctionLevel.Heavy),
        new(7, "Memposting foto bersama bakal calon/calon atau tim kampanye dengan simbol keberpihakan di media publik",
            "Publicly posting photos with a candidate or campaign team showing partisan symbols", SanctionLevel.Heavy),
        new(8, "Menyelenggarakan kegiatan yang mengarah pada keberpihakan",
            "Holding activities that show partisanship", SanctionLevel.Heavy),
        new(9, "Menjadi tim kampanye/tim ahli sebelum penetapan calon",
            "Campaign or expert team member before candidates are set", SanctionLevel.Medium),
        new(10, "Menjadi tim kampanye/tim ahli setelah penetapan calon",
            "Campaign or expert team member after candidates are set", SanctionLevel.Heavy),
        new(11, "Memberikan surat dukungan atau mengumpulkan fotokopi KTP bagi calon perseorangan",
            "Giving a support letter or collecting ID-card copies for an independent candidate", SanctionLevel.Heavy),
        new(12, "Membuat keputusan/tindakan yang menguntungkan atau merugikan calon",
            "Decisions or actions that benefit or harm a candidate", SanctionLevel.Heavy),
    ];

    public const int MinNumber = 1;
    public const int MaxNumber = 12;

    /// <summary>The entry with this number, or null.</summary>
    public static ViolationType? Find(int number) => All.FirstOrDefault(v => v.Number == number);
}
