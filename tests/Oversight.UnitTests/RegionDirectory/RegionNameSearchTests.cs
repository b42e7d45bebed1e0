using Oversight.RegionDirectory.Model;
using Oversight.Regions;

namespace Oversight.UnitTests.RegionDirectory;

public sealed class RegionNameSearchTests
{
    private static readonly RegionRecord[] Seed =
    [
        Region("52", "Nusa Tenggara Barat"),
        Region("53", "Nusa Tenggara Timur"),
        Region("64", "Kalimantan Timur"),
        Region("74", "Sulawesi Tenggara"),
        Region("52.71", "Kota Mataram"),
        Region("64.03", "Kabupaten Berau"),
        Region("64.11", "Kabupaten Mahakam Ulu"),
        Region("74.71", "Kota Kendari"),
    ];

    [Theory]
    [InlineData("Kota Mataram", "kota mataram")]
    [InlineData("  KOTA \t  Mataram ", "kota mataram")]
    [InlineData("Kab. Berau", "kabupaten berau")]
    [InlineData("kab berau", "kabupaten berau")]
    [InlineData("kab.berau", "kabupaten berau")]
    [InlineData("Kot. Kendari", "kota kendari")]
    [InlineData("Prov. Bali", "provinsi bali")]
    [InlineData("prov bali", "provinsi bali")]
    [InlineData("Kabupaten Kabandungan", "kabupaten kabandungan")]
    [InlineData("Kendarí", "kendari")]
    [InlineData("Bau-Bau", "bau-bau")]
    [InlineData("", "")]
    public void Normalize_folds_case_accents_whitespace_and_abbreviations(string input, string expected) =>
        Assert.Equal(expected, RegionNameSearch.Normalize(input));

    [Theory]
    [InlineData("kota mataram", "kota mataram", RegionNameMatch.Exact)]
    [InlineData("kota mataram", "mataram", RegionNameMatch.Prefix)]
    [InlineData("kota mataram", "kota mat", RegionNameMatch.Prefix)]
    [InlineData("kota mataram", "taram", RegionNameMatch.Substring)]
    [InlineData("kota mataram", "kendari", null)]
    [InlineData("kota mataram", "", null)]
    public void Classify_tells_exact_prefix_and_substring_apart(string name, string query, RegionNameMatch? expected) =>
        Assert.Equal(expected, RegionNameSearch.Classify(name, query));

    [Theory]
    [InlineData("Mataram", "52.71")]
    [InlineData("mataram", "52.71")]
    [InlineData("KOTA mataram", "52.71")]
    [InlineData("kendari", "74.71")]
    [InlineData("kab. berau", "64.03")]
    [InlineData("Kab Berau", "64.03")]
    [InlineData("mahakam", "64.11")]
    public void The_expected_region_ranks_first(string query, string code) =>
        Assert.Equal(code, RegionNameSearch.Rank(Seed, query, 20)[0].Code);

    [Fact]
    public void Exact_comes_before_prefix_before_substring_and_ties_go_by_code()
    {
        RegionRecord[] regions =
        [
            Region("11.02", "Kabupaten Tenggara Jaya"), // prefix (word)
            Region("11.01", "Kabupaten Maratenggara"), // substring
            Region("11.03", "Tenggara"), // exact
            Region("11", "Tenggara Raya"), // prefix (start)
        ];

        Assert.Equal(["11.03", "11", "11.02", "11.01"], RegionNameSearch.Rank(regions, "tenggara", 20).Select(r => r.Code));
    }

    [Fact]
    public void Multi_word_queries_match_by_word_prefix()
    {
        Assert.Equal(["52", "53"], RegionNameSearch.Rank(Seed, "nusa tenggara", 20).Select(r => r.Code));
        Assert.Equal(["52", "53", "74"], RegionNameSearch.Rank(Seed, "tenggara", 20).Select(r => r.Code));
    }

    [Fact]
    public void Limit_caps_the_results_and_no_match_gives_nothing()
    {
        Assert.Equal(["52.71"], RegionNameSearch.Rank(Seed, "kota", 1).Select(r => r.Code));
        Assert.Empty(RegionNameSearch.Rank(Seed, "surabaya", 20));
        Assert.Empty(RegionNameSearch.Rank(Seed, "\u0301\u0301", 20));
    }

    [Theory]
    [InlineData("ma", null)]
    [InlineData("  mataram  ", null)]
    [InlineData("", "query: is required")]
    [InlineData("   ", "query: is required")]
    [InlineData(" m ", "query: must be between 2 and 100 characters")]
    [InlineData("mata\u0000ram", "query: must not contain control characters")]
    [InlineData("kota\nmataram", "query: must not contain control characters")]
    public void Queries_are_checked(string query, string? error) =>
        Assert.Equal(error, RegionNameSearch.ValidateQuery(query));

    [Fact]
    public void Queries_longer_than_100_characters_are_refused()
    {
        Assert.Null(RegionNameSearch.ValidateQuery(new string('a', 100)));
        Assert.Equal("query: must be between 2 and 100 characters", RegionNameSearch.ValidateQuery(new string('a', 101)));
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    [InlineData(101, null)]
    [InlineData(-1, null)]
    public void Limit_defaults_to_20_and_must_be_between_1_and_100(int limit, int? expected) =>
        Assert.Equal(expected, RegionNameSearch.EffectiveLimit(limit));

    private static RegionRecord Region(string code, string name) => new()
    {
        Code = code,
        Name = name,
        Level = StoredRegionLevels.Of(code),
        ParentCode = RegionCode.ParentOf(code),
        Decree = "Kepmendagri 300.2.2-2138/2025",
        Kind = RegionCode.KindOf(code),
    };
}
