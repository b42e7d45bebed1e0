using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>ListChildren, ListAncestors and SearchRegions against real PostgreSQL.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class RegionLookupTests(RegionDirectoryFixture fixture)
{
    private RegionDirectoryClient Client => new(fixture.System.Channel(TestSystem.RegionDirectory));

    [Fact]
    public async Task Children_of_a_province_are_its_regencies_by_code_from_the_shipped_official_list()
    {
        var children = (await Client.ListChildrenAsync(new ListChildrenRequest { Code = "64" })).Regions;

        // Kalimantan Timur's ten, as data/regions lists them: the seed is the whole official list.
        var official = File.ReadAllLines(SharedData.RegenciesCsv).Where(line => line.StartsWith("64.", StringComparison.Ordinal))
            .Select(line => line.Split(',')[0]).ToList();
        Assert.Equal(10, official.Count);
        Assert.Equal(official, children.Select(r => r.Code));
        var berau = children.Single(r => r.Code == "64.03");
        Assert.Equal(("Kabupaten Berau", "64", "kabupaten", RegionLevel.RegencyCity), (berau.Name, berau.ParentCode, berau.Kind, berau.Level));
    }

    [Fact]
    public async Task Children_of_the_empty_code_are_the_38_provinces()
    {
        var provinces = (await Client.ListChildrenAsync(new ListChildrenRequest())).Regions;

        Assert.Equal(38, provinces.Count);
        Assert.All(provinces, p => Assert.Equal((RegionLevel.Province, "", "provinsi"), (p.Level, p.ParentCode, p.Kind)));
        Assert.Equal(provinces.Select(p => p.Code).Order(StringComparer.Ordinal), provinces.Select(p => p.Code));
        Assert.Equal("Aceh", provinces[0].Name);
    }

    [Fact]
    public async Task A_region_without_children_lists_none()
    {
        Assert.Empty((await Client.ListChildrenAsync(new ListChildrenRequest { Code = "52.71" })).Regions);
    }

    [Fact]
    public async Task Ancestors_are_listed_nearest_first()
    {
        var ancestors = (await Client.ListAncestorsAsync(new ListAncestorsRequest { Code = "52.71" })).Regions;
        var province = Assert.Single(ancestors);
        Assert.Equal(("52", "Nusa Tenggara Barat"), (province.Code, province.Name));

        Assert.Empty((await Client.ListAncestorsAsync(new ListAncestorsRequest { Code = "52" })).Regions);
    }

    [Theory]
    [InlineData("Mataram", "52.71", "Kota Mataram")]
    [InlineData("KOTA mataram", "52.71", "Kota Mataram")]
    [InlineData("kendari", "74.71", "Kota Kendari")]
    [InlineData("kab. berau", "64.03", "Kabupaten Berau")]
    [InlineData("Kab Berau", "64.03", "Kabupaten Berau")]
    public async Task Search_puts_the_expected_region_first(string query, string code, string name)
    {
        var found = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = query })).Regions;

        Assert.NotEmpty(found);
        Assert.Equal((code, name), (found[0].Code, found[0].Name));
    }

    [Fact]
    public async Task Search_matches_several_words_and_respects_the_limit()
    {
        var nusaTenggara = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "nusa tenggara" })).Regions;
        Assert.Equal(["52", "53"], nusaTenggara.Select(r => r.Code));

        // Word-prefix matches by code: the first city of the official list is Kota Banda Aceh.
        var one = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "kota", Limit = 1 })).Regions;
        Assert.Equal(["11.71"], one.Select(r => r.Code));
    }

    [Fact]
    public async Task Search_within_a_region_keeps_to_its_subtree()
    {
        // Sulawesi Tenggara's two cities (word prefixes, by code), nothing of another province.
        var withinSulawesiTenggara = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "kota", WithinCode = "74" })).Regions;
        Assert.Equal(["74.71", "74.72"], withinSulawesiTenggara.Select(r => r.Code));

        // Word prefixes first; "Daerah Khusus Ibukota Jakarta" (31) follows as a substring match.
        var withinJakarta = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "kota", WithinCode = "31" })).Regions;
        Assert.Equal(["31.71", "31.72", "31.73", "31.74", "31.75", "31"], withinJakarta.Select(r => r.Code));

        var withinItself = (await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "kendari", WithinCode = "74.71" })).Regions;
        Assert.Equal(["74.71"], withinItself.Select(r => r.Code));
    }

    [Theory]
    [InlineData("5271")]
    [InlineData("52.7")]
    [InlineData(" 52")]
    public async Task Malformed_codes_are_refused_naming_the_field(string code)
    {
        var children = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListChildrenAsync(new ListChildrenRequest { Code = code }));
        AssertInvalid(children, "code: must be a Kemendagri code like 52 or 52.71");

        var ancestors = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListAncestorsAsync(new ListAncestorsRequest { Code = code }));
        AssertInvalid(ancestors, "code: must be a Kemendagri code like 52 or 52.71");

        var search = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = "kota", WithinCode = code }));
        AssertInvalid(search, "within_code: must be a Kemendagri code like 52 or 52.71");
    }

    [Fact]
    public async Task Ancestors_need_a_code()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListAncestorsAsync(new ListAncestorsRequest()));
        AssertInvalid(error, "code:");
    }

    [Theory]
    [InlineData("", 0, "query:")]
    [InlineData(" m ", 0, "query:")]
    [InlineData("kota\u0007", 0, "query:")]
    [InlineData("kota", 101, "limit: must be between 1 and 100")]
    [InlineData("kota", -1, "limit: must be between 1 and 100")]
    public async Task Bad_search_input_is_refused_naming_the_field(string query, int limit, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = query, Limit = limit }));
        AssertInvalid(error, expected);
    }

    [Fact]
    public async Task A_long_query_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SearchRegionsAsync(new SearchRegionsRequest { Query = new string('a', 101) }));
        AssertInvalid(error, "query:");
    }

    [Fact]
    public async Task Unknown_codes_are_not_found()
    {
        var children = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListChildrenAsync(new ListChildrenRequest { Code = "99" }));
        Assert.Equal(StatusCode.NotFound, children.StatusCode);

        var ancestors = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListAncestorsAsync(new ListAncestorsRequest { Code = "99.99" }));
        Assert.Equal(StatusCode.NotFound, ancestors.StatusCode);
    }

    private static void AssertInvalid(RpcException error, string expected)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail);
    }
}
