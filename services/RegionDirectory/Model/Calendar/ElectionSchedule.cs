using Oversight.Regions.Elections;

namespace Oversight.RegionDirectory.Model.Calendar;

/// <summary>
/// The stages of one election and which regions hold it. Election rules change between regimes, so
/// each regime's calendar is data here, in one place, naming the regulation it comes from.
/// </summary>
public sealed class ElectionSchedule
{
    public const string CampaignStageId = "campaign";
    public const string DefaultElectionId = "pilkada-2024";

    /// <summary>Daerah Istimewa Yogyakarta: the Sultan is governor by law (UU 13/2012), so no governor election.</summary>
    private const string YogyakartaProvinceCode = "34";

    /// <summary>
    /// Pilkada Serentak 2024 (PKPU 2/2024, whose dates are <see cref="Dates"/>): governors in 37 provinces
    /// (all but DI Yogyakarta) and regents/mayors in every regency and city.
    /// Caveat: the 2024 election used the 2022 decree's list of 508 regencies/cities, while the
    /// directory holds today's list of 514; the six newer ones did not vote in 2024. We keep the rule
    /// "every regency/city holds one" rather than modelling which list applied.
    /// </summary>
    public static ElectionSchedule Pilkada2024 { get; } = new(
        DefaultElectionId,
        Pilkada2024Dates.Regulation,
        [
            new("candidate-registration", "Pendaftaran pasangan calon", "Candidate registration", Pilkada2024Dates.CandidateRegistration),
            new("candidates-set", "Penetapan pasangan calon", "Candidates set", Pilkada2024Dates.CandidatesSet),
            new("ballot-numbers", "Pengundian nomor urut", "Ballot numbers drawn", Pilkada2024Dates.BallotNumbers),
            new(CampaignStageId, "Kampanye", "Campaign", Pilkada2024Dates.Campaign),
            new("quiet-period", "Masa tenang", "Quiet period", Pilkada2024Dates.QuietPeriod),
            new("voting", "Pemungutan suara", "Voting", Pilkada2024Dates.Voting),
            new("counting-and-recapitulation", "Penghitungan dan rekapitulasi suara", "Counting and recapitulation", Pilkada2024Dates.CountingAndRecapitulation),
        ]);

    private static readonly Dictionary<string, ElectionSchedule> Known = new(StringComparer.Ordinal)
    {
        [Pilkada2024.ElectionId] = Pilkada2024,
    };

    public ElectionSchedule(string electionId, string regulation, IReadOnlyList<ScheduleStage> stages)
    {
        ElectionId = electionId;
        Regulation = regulation;
        Stages = stages;
    }

    public string ElectionId { get; }

    /// <summary>The regulation the dates come from, e.g. "PKPU 2/2024".</summary>
    public string Regulation { get; }

    public IReadOnlyList<ScheduleStage> Stages { get; }

    /// <summary>What a caller names the current election by where an id cannot be empty (a REST route's segment).</summary>
    public const string CurrentElectionAlias = "current";

    /// <summary>The calendar with this id; an empty id or "current" means <see cref="DefaultElectionId"/>. Null when unknown.</summary>
    public static ElectionSchedule? Find(string? electionId) =>
        Known.GetValueOrDefault(string.IsNullOrEmpty(electionId) || electionId == CurrentElectionAlias ? DefaultElectionId : electionId);

    /// <summary>The stages running on a date, in calendar order.</summary>
    public IReadOnlyList<ScheduleStage> StagesOn(DateOnly date) => [.. Stages.Where(s => s.IsRunningOn(date))];

    /// <summary>
    /// Whether a region holds this election, and the office elected there: "gubernur" for a province
    /// (not DI Yogyakarta), "bupati" for a kabupaten, "wali kota" for a kota.
    /// </summary>
    /// <param name="kind">The region's kind: provinsi, kabupaten or kota.</param>
    public (bool Holds, string? Office) HoldsElection(string regionCode, string kind) => kind switch
    {
        "provinsi" when regionCode == YogyakartaProvinceCode => (false, null),
        "provinsi" => (true, "gubernur"),
        "kabupaten" => (true, "bupati"),
        "kota" => (true, "wali kota"),
        _ => (false, null),
    };

    /// <summary>True when the region holds this election and the date falls in its campaign stage.</summary>
    public bool IsInCampaignPeriod(string regionCode, string kind, DateOnly date) =>
        HoldsElection(regionCode, kind).Holds
        && Stages.Any(s => s.Id == CampaignStageId && s.IsRunningOn(date));
}
