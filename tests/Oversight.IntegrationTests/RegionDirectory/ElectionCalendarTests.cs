using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>GetCampaignStatus and GetElectionCalendar against real PostgreSQL.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class ElectionCalendarTests(RegionDirectoryFixture fixture)
{
    private RegionDirectoryClient Client => new(fixture.System.Channel(TestSystem.RegionDirectory));

    private Task<CampaignStatus> StatusAsync(string code, string date) =>
        Client.GetCampaignStatusAsync(new GetCampaignStatusRequest { Code = code, Date = date }).ResponseAsync;

    [Fact]
    public async Task Kota_Mataram_is_in_campaign_on_1_November_2024()
    {
        var status = await StatusAsync("52.71", "2024-11-01");

        Assert.Equal(("52.71", "2024-11-01", true, "wali kota", true, "pilkada-2024"),
            (status.Code, status.Date, status.HoldsElection, status.Office, status.InCampaignPeriod, status.ElectionId));
        Assert.Equal(["campaign"], status.Stages);
    }

    [Fact]
    public async Task The_quiet_period_is_not_campaign()
    {
        var status = await StatusAsync("52.71", "2024-11-25");

        Assert.True(status.HoldsElection);
        Assert.False(status.InCampaignPeriod);
        Assert.Contains("quiet-period", status.Stages);
    }

    [Fact]
    public async Task DI_Yogyakarta_holds_no_election()
    {
        var status = await StatusAsync("34", "2024-11-01");

        Assert.Equal((false, "", false), (status.HoldsElection, status.Office, status.InCampaignPeriod));
    }

    [Fact]
    public async Task A_province_elects_its_governor_and_an_empty_date_means_today()
    {
        var status = await StatusAsync("52", "");

        Assert.Equal((true, "gubernur"), (status.HoldsElection, status.Office));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", status.Date);
    }

    [Fact]
    public async Task A_bad_date_is_an_invalid_argument_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync("52.71", "1 Nov 2024"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("date:", error.Status.Detail);
    }

    [Fact]
    public async Task A_bad_code_is_an_invalid_argument_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync("5271", "2024-11-01"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("code:", error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_region_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => StatusAsync("99.99", "2024-11-01"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task The_calendar_has_the_campaign_stage_and_names_the_regulation()
    {
        var calendar = await Client.GetElectionCalendarAsync(new GetElectionCalendarRequest());

        Assert.Equal(("pilkada-2024", "PKPU 2/2024"), (calendar.ElectionId, calendar.Regulation));
        var campaign = Assert.Single(calendar.Stages, s => s.Id == "campaign");
        Assert.Equal(("2024-09-25", "2024-11-23", "Kampanye", "Campaign"), (campaign.StartDate, campaign.EndDate, campaign.Name, campaign.NameEn));
    }

    [Fact]
    public async Task An_unknown_election_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetElectionCalendarAsync(new GetElectionCalendarRequest { ElectionId = "pemilu-2029" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
