using Oversight.RegionDirectory.Model.Calendar;

namespace Oversight.UnitTests.RegionDirectory;

public sealed class ElectionCalendarTests
{
    private static readonly ElectionSchedule Pilkada = ElectionSchedule.Pilkada2024;

    private static DateOnly Date(int month, int day) => new(2024, month, day);

    [Fact]
    public void The_calendar_names_its_election_and_regulation()
    {
        Assert.Equal(("pilkada-2024", "PKPU 2/2024"), (Pilkada.ElectionId, Pilkada.Regulation));
        Assert.Same(Pilkada, ElectionSchedule.Find(""));
        Assert.Same(Pilkada, ElectionSchedule.Find("pilkada-2024"));
        Assert.Same(Pilkada, ElectionSchedule.Find("current"));
        Assert.Null(ElectionSchedule.Find("pemilu-2024"));
    }

    [Theory]
    [InlineData(9, 24, false)]
    [InlineData(9, 25, true)]
    [InlineData(11, 1, true)]
    [InlineData(11, 23, true)]
    [InlineData(11, 24, false)]
    public void The_campaign_runs_25_September_to_23_November_inclusive(int month, int day, bool inCampaign)
    {
        Assert.Equal(inCampaign, Pilkada.IsInCampaignPeriod("52.71", "kota", Date(month, day)));
        Assert.Equal(inCampaign, Pilkada.StagesOn(Date(month, day)).Any(s => s.Id == "campaign"));
    }

    [Fact]
    public void Stages_on_a_date()
    {
        Assert.Equal(["quiet-period"], Pilkada.StagesOn(Date(11, 24)).Select(s => s.Id));
        Assert.Equal(["voting", "counting-and-recapitulation"], Pilkada.StagesOn(Date(11, 27)).Select(s => s.Id));
        Assert.Equal(["counting-and-recapitulation"], Pilkada.StagesOn(Date(12, 16)).Select(s => s.Id));
        Assert.Equal(["candidate-registration"], Pilkada.StagesOn(Date(8, 27)).Select(s => s.Id));
        Assert.Empty(Pilkada.StagesOn(Date(9, 24)));
        Assert.Empty(Pilkada.StagesOn(Date(12, 17)));
    }

    [Theory]
    [InlineData("52.71", "kota", "wali kota")]
    [InlineData("34.71", "kota", "wali kota")]
    [InlineData("64.03", "kabupaten", "bupati")]
    [InlineData("52", "provinsi", "gubernur")]
    public void Regions_elect_their_head(string code, string kind, string office)
    {
        Assert.Equal((true, office), Pilkada.HoldsElection(code, kind));
    }

    [Fact]
    public void DI_Yogyakarta_elects_no_governor_and_is_never_in_campaign()
    {
        Assert.Equal((false, (string?)null), Pilkada.HoldsElection("34", "provinsi"));
        Assert.False(Pilkada.IsInCampaignPeriod("34", "provinsi", Date(11, 1)));
        Assert.True(Pilkada.IsInCampaignPeriod("34.71", "kota", Date(11, 1)));
    }
}
