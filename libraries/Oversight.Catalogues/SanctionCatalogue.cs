namespace Oversight.Catalogues;

/// <summary>Where a sanction comes from: the discipline table, the statute, or the ethics code.</summary>
public enum SanctionKind
{
    /// <summary>A discipline sanction, graded by level (PP 94/2021 Pasal 8).</summary>
    Discipline,

    /// <summary>A moral sanction for an ethics breach (PP 42/2004): a closed or an open statement. Not graded.</summary>
    Moral,
}

/// <summary>One sanction a PPK can impose.</summary>
/// <param name="Code">Stable snake_case code, stored with the complaint.</param>
/// <param name="Level">The discipline level; null for a moral sanction.</param>
/// <param name="Regulation">The article that defines it.</param>
public sealed record Sanction(string Code, SanctionKind Kind, SanctionLevel? Level, string NameId, string NameEn, string Regulation);

/// <summary>
/// The sanctions a PPK may impose on a civil servant, in one place. Discipline sanctions: PP 94/2021
/// Pasal 8 (PPPK staff fall under PP 49/2018, whose list is not modelled yet); dishonourable dismissal:
/// UU 5/2014 Pasal 87(4)(c); moral sanctions: PP 42/2004.
/// </summary>
public static class SanctionCatalogue
{
    private const string Pp94 = "PP 94/2021 Pasal 8";
    private const string Uu5 = "UU 5/2014 Pasal 87(4)(c)";
    private const string Pp42 = "PP 42/2004";

    public static IReadOnlyList<Sanction> All { get; } =
    [
        new("verbal_reprimand", SanctionKind.Discipline, SanctionLevel.Light, "Teguran lisan", "Verbal reprimand", Pp94 + "(2)(a)"),
        new("written_reprimand", SanctionKind.Discipline, SanctionLevel.Light, "Teguran tertulis", "Written reprimand", Pp94 + "(2)(b)"),
        new("statement_of_dissatisfaction", SanctionKind.Discipline, SanctionLevel.Light,
            "Pernyataan tidak puas secara tertulis", "Written statement of dissatisfaction", Pp94 + "(2)(c)"),
        new("allowance_cut_25_6_months", SanctionKind.Discipline, SanctionLevel.Medium,
            "Pemotongan tunjangan kinerja 25% selama 6 bulan", "Performance allowance cut by 25% for 6 months", Pp94 + "(3)(a)"),
        new("allowance_cut_25_9_months", SanctionKind.Discipline, SanctionLevel.Medium,
            "Pemotongan tunjangan kinerja 25% selama 9 bulan", "Performance allowance cut by 25% for 9 months", Pp94 + "(3)(b)"),
        new("allowance_cut_25_12_months", SanctionKind.Discipline, SanctionLevel.Medium,
            "Pemotongan tunjangan kinerja 25% selama 12 bulan", "Performance allowance cut by 25% for 12 months", Pp94 + "(3)(c)"),
        new("demotion_12_months", SanctionKind.Discipline, SanctionLevel.Heavy,
            "Penurunan jabatan setingkat lebih rendah selama 12 bulan", "Demotion one level for 12 months", Pp94 + "(4)(a)"),
        new("non_managerial_post_12_months", SanctionKind.Discipline, SanctionLevel.Heavy,
            "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
            "Moved to a non-managerial post for 12 months", Pp94 + "(4)(b)"),
        new("honourable_dismissal", SanctionKind.Discipline, SanctionLevel.Heavy,
            "Pemberhentian dengan hormat tidak atas permintaan sendiri",
            "Honourable dismissal not at own request", Pp94 + "(4)(c)"),
        new("dishonourable_dismissal", SanctionKind.Discipline, SanctionLevel.Dismissal,
            "Pemberhentian tidak dengan hormat", "Dishonourable dismissal (party membership)", Uu5),
        new("moral_closed_statement", SanctionKind.Moral, null,
            "Pernyataan secara tertutup", "Closed statement (moral sanction)", Pp42),
        new("moral_open_statement", SanctionKind.Moral, null,
            "Pernyataan secara terbuka", "Open statement (moral sanction)", Pp42),
    ];

    /// <summary>The sanction with this code, or null.</summary>
    public static Sanction? Find(string? code) => All.FirstOrDefault(s => s.Code == code);

    /// <summary>The discipline sanctions of one level.</summary>
    public static IReadOnlyList<Sanction> ForLevel(SanctionLevel level) =>
        [.. All.Where(s => s.Kind == SanctionKind.Discipline && s.Level == level)];

    /// <summary>The moral sanctions (PP 42/2004).</summary>
    public static IReadOnlyList<Sanction> Moral => [.. All.Where(s => s.Kind == SanctionKind.Moral)];
}
