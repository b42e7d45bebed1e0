namespace Oversight.Regions.Elections;

/// <summary>
/// The stage dates of Pilkada Serentak 2024, as PKPU 2/2024 sets them. The region directory serves them as its
/// calendar; the complaints regime (the voting-day holiday) and reporting (the default range of a time series)
/// read the same dates, so an amended decree is applied here once.
/// </summary>
public static class Pilkada2024Dates
{
    public const string Regulation = "PKPU 2/2024";

    public static StageDates CandidateRegistration { get; } = new(new(2024, 8, 27), new(2024, 8, 29));
    public static StageDates CandidatesSet { get; } = new(new(2024, 9, 22), new(2024, 9, 22));
    public static StageDates BallotNumbers { get; } = new(new(2024, 9, 23), new(2024, 9, 23));
    public static StageDates Campaign { get; } = new(new(2024, 9, 25), new(2024, 11, 23));
    public static StageDates QuietPeriod { get; } = new(new(2024, 11, 24), new(2024, 11, 26));
    public static StageDates Voting { get; } = new(new(2024, 11, 27), new(2024, 11, 27));
    public static StageDates CountingAndRecapitulation { get; } = new(new(2024, 11, 27), new(2024, 12, 16));
}
