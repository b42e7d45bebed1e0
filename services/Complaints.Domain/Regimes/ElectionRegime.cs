namespace Oversight.Complaints.Domain.Regimes;

/// <summary>Which event starts the review clock.</summary>
public enum ReviewClockStart
{
    /// <summary>When the complete report was received (UU 10/2016 Pasal 134: "setelah laporan diterima").</summary>
    Receipt,

    /// <summary>When the report was received and registered (UU 7/2017 Pasal 454: "diterima dan diregistrasi").</summary>
    Registration,
}

/// <summary>
/// The deadline rules of one election regime. They change between regimes, so they are data here, each
/// naming its regulation; the lifecycle and the deadline calculator only read them. A deployment can
/// adjust one with <c>with</c> (e.g. <c>ElectionRegimes.Pilkada2024 with { PpkFollowUp = ... }</c>).
/// </summary>
public sealed record ElectionRegime
{
    /// <summary>Stable id, stored with each complaint: <c>pilkada</c> or <c>pemilu</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The law and rules the numbers come from.</summary>
    public required string Regulation { get; init; }

    /// <summary>How long after the violation became known a report or finding may be filed.</summary>
    public required DayCount FilingWindow { get; init; }

    /// <summary>The review (kajian) period without extension.</summary>
    public required DayCount Review { get; init; }

    /// <summary>The whole review period after the one extension (counted from the same start, not added on top).</summary>
    public required DayCount ExtendedReview { get; init; }

    public required ReviewClockStart ReviewClockStart { get; init; }

    /// <summary>The Satgas Netralitas verifies a recommendation within this period of its issue (SKB 2022).</summary>
    public required DayCount Verification { get; init; }

    /// <summary>
    /// How long the PPK has to act on a verified recommendation before BKN escalates. Neither docs/domain.md
    /// nor the sources give a number: this is configuration, defaulted to 14 calendar days, and restarted
    /// by every escalation.
    /// </summary>
    public required DayCount PpkFollowUp { get; init; }

    /// <summary>How long before a deadline it counts as approaching (the scheduler's warning).</summary>
    public TimeSpan ApproachingLead { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// National holidays that are not working days. Only working-day periods read them. This is
    /// configuration: each year's list is set by the joint ministerial decree (SKB 3 Menteri) and by
    /// presidential decrees for voting days, so a deployment supplies the years it needs.
    /// </summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();
}

/// <summary>The regimes the system knows, in one place.</summary>
public static class ElectionRegimes
{
    /// <summary>
    /// 2024 national holidays on weekdays (SKB 3 Menteri on 2024 holidays; voting days by presidential
    /// decree: the general election of 14 Feb and the Pilkada of 27 Nov). Collective leave days (cuti
    /// bersama) are working days for this purpose and are not listed. Holidays on a weekend change nothing.
    /// </summary>
    public static IReadOnlySet<DateOnly> Holidays2024 { get; } = new HashSet<DateOnly>
    {
        new(2024, 1, 1),   // Tahun Baru Masehi
        new(2024, 2, 8),   // Isra Mikraj
        new(2024, 2, 14),  // Pemilu 2024 voting day
        new(2024, 3, 11),  // Nyepi
        new(2024, 3, 29),  // Wafat Isa Almasih (Good Friday)
        new(2024, 4, 10),  // Idul Fitri
        new(2024, 4, 11),  // Idul Fitri
        new(2024, 5, 1),   // Hari Buruh
        new(2024, 5, 9),   // Kenaikan Isa Almasih (Ascension)
        new(2024, 5, 23),  // Waisak
        new(2024, 6, 17),  // Idul Adha
        new(2024, 9, 16),  // Maulid Nabi
        Oversight.Regions.Elections.Pilkada2024Dates.Voting.Start, // Pilkada 2024 voting day, as PKPU 2/2024 sets it
        new(2024, 12, 25), // Natal
    };

    /// <summary>
    /// Pilkada (UU 10/2016 Pasal 134, with Perbawaslu 8/2020 on handling violations): reports within 7
    /// days of the violation becoming known; review within 3 days of receipt, once extendable by 2 days
    /// (5 in all) when more information is needed. Pilkada rules count calendar days.
    /// </summary>
    public static ElectionRegime Pilkada2024 { get; } = new()
    {
        Id = "pilkada",
        Name = "Pilkada (UU 10/2016)",
        Regulation = "UU 10/2016 Pasal 134; Perbawaslu 8/2020",
        FilingWindow = DayCount.CalendarDays(7),
        Review = DayCount.CalendarDays(3),
        ExtendedReview = DayCount.CalendarDays(5),
        ReviewClockStart = ReviewClockStart.Receipt,
        Verification = DayCount.CalendarDays(7),
        PpkFollowUp = DayCount.CalendarDays(14),
        Holidays = Holidays2024,
    };

    /// <summary>
    /// General elections (UU 7/2017 Pasal 454, with Perbawaslu 7/2022): reports within 7 working days of
    /// the violation becoming known; follow-up within 7 days of receipt and registration, extendable to 14
    /// working days in all. Perbawaslu 7/2022 counts working days, so both review periods are working days.
    /// </summary>
    public static ElectionRegime GeneralElection { get; } = new()
    {
        Id = "pemilu",
        Name = "Pemilu (UU 7/2017)",
        Regulation = "UU 7/2017 Pasal 454; Perbawaslu 7/2022",
        FilingWindow = DayCount.WorkingDays(7),
        Review = DayCount.WorkingDays(7),
        ExtendedReview = DayCount.WorkingDays(14),
        ReviewClockStart = ReviewClockStart.Registration,
        Verification = DayCount.CalendarDays(7),
        PpkFollowUp = DayCount.CalendarDays(14),
        Holidays = Holidays2024,
    };

    public static IReadOnlyList<ElectionRegime> All { get; } = [Pilkada2024, GeneralElection];

    /// <summary>The regime with this id, or null.</summary>
    public static ElectionRegime? Find(string? id) => All.FirstOrDefault(r => r.Id == id);
}
