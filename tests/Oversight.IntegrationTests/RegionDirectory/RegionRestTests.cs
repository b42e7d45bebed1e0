using System.Net;
using System.Text.Json;
using Oversight.Testing;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>The same look-ups as REST: gRPC JSON transcoding on the service's HTTP/1.1 endpoint.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class RegionRestTests(RegionDirectoryFixture fixture)
{
    private HttpClient Http => fixture.System.Http(TestSystem.RegionDirectory);

    [Fact]
    public async Task A_region_is_read_by_its_code_as_json()
    {
        var region = await GetJsonAsync("/v1/regions/52.71", HttpStatusCode.OK);

        Assert.Equal("Kota Mataram", region.GetProperty("name").GetString());
        Assert.Equal("52", region.GetProperty("parentCode").GetString());
        Assert.Equal("REGION_LEVEL_REGENCY_CITY", region.GetProperty("level").GetString());
    }

    [Fact]
    public async Task The_root_lists_the_38_provinces()
    {
        var provinces = (await GetJsonAsync("/v1/regions", HttpStatusCode.OK)).GetProperty("regions");

        Assert.Equal(38, provinces.GetArrayLength());
    }

    [Fact]
    public async Task Search_takes_its_parameters_from_the_query_string()
    {
        var found = (await GetJsonAsync("/v1/regions:search?query=kendari&withinCode=74", HttpStatusCode.OK)).GetProperty("regions");

        Assert.Equal("74.71", Assert.Single(found.EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Campaign_status_answers_for_a_region_and_date()
    {
        var status = await GetJsonAsync("/v1/regions/52.71/campaign-status?date=2024-11-01", HttpStatusCode.OK);

        Assert.True(status.GetProperty("inCampaignPeriod").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_code_is_404_and_a_malformed_one_is_400_naming_the_field()
    {
        await GetJsonAsync("/v1/regions/99.99", HttpStatusCode.NotFound);

        var error = await GetJsonAsync("/v1/regions/5x.7", HttpStatusCode.BadRequest);

        Assert.Contains("code", error.GetProperty("message").GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected)
    {
        using var http = Http;
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
