using Oversight.Regions.Elections;

namespace Oversight.UnitTests.Regions;

public sealed class Pilkada2024DatesTests
{
    private static DateOnly Date(int month, int day) => new(2024, month, day);

    [Fact]
    public void The_stages_are_those_of_PKPU_2_2024()
    {
        Assert.Equal("PKPU 2/2024", Pilkada2024Dates.Regulation);
        Assert.Equal(new StageDates(Date(8, 27), Date(8, 29)), Pilkada2024Dates.CandidateRegistration);
        Assert.Equal(new StageDates(Date(9, 22), Date(9, 22)), Pilkada2024Dates.CandidatesSet);
        Assert.Equal(new StageDates(Date(9, 23), Date(9, 23)), Pilkada2024Dates.BallotNumbers);
        Assert.Equal(new StageDates(Date(9, 25), Date(11, 23)), Pilkada2024Dates.Campaign);
        Assert.Equal(new StageDates(Date(11, 24), Date(11, 26)), Pilkada2024Dates.QuietPeriod);
        Assert.Equal(new StageDates(Date(11, 27), Date(11, 27)), Pilkada2024Dates.Voting);
        Assert.Equal(new StageDates(Date(11, 27), Date(12, 16)), Pilkada2024Dates.CountingAndRecapitulation);
    }

    [Fact]
    public void The_quiet_period_runs_from_the_day_after_the_campaign_to_the_day_before_the_vote()
    {
        Assert.Equal(Pilkada2024Dates.Campaign.End.AddDays(1), Pilkada2024Dates.QuietPeriod.Start);
        Assert.Equal(Pilkada2024Dates.Voting.Start.AddDays(-1), Pilkada2024Dates.QuietPeriod.End);
    }

    [Theory]
    [InlineData(9, 24, false)]
    [InlineData(9, 25, true)]
    [InlineData(11, 23, true)]
    [InlineData(11, 24, false)]
    public void A_stage_holds_both_its_first_and_last_day(int month, int day, bool inCampaign) =>
        Assert.Equal(inCampaign, Pilkada2024Dates.Campaign.Contains(Date(month, day)));
}
