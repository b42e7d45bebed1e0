using Oversight.Regions;

namespace Oversight.UnitTests.Regions;

public sealed class RegionCodeTests
{
    private static readonly string[] Codes = ["52", "52.71", "74.01"];

    // Fullwidth digits and a trailing newline are the cases a careless pattern (\d, $) would let through.
    private static readonly string?[] NotCodes = ["", "5", "5271", "52.7", "52.71.01", "52\n", "52.71\n", "５２", " 52", null];

    [Fact]
    public void A_code_is_two_ASCII_digits_then_optionally_a_dot_and_two_more()
    {
        Assert.All(Codes, code => Assert.True(RegionCode.IsValid(code), code));
        Assert.All(NotCodes, code => Assert.False(RegionCode.IsValid(code), code));
    }

    [Fact]
    public void A_region_is_the_nation_or_a_code()
    {
        Assert.True(RegionCode.IsValidOrNational(RegionCode.National));
        Assert.All(Codes, code => Assert.True(RegionCode.IsValidOrNational(code), code));
        Assert.All(NotCodes.Where(code => code != RegionCode.National), code => Assert.False(RegionCode.IsValidOrNational(code), code));
    }

    [Theory]
    [InlineData("52", "provinsi", null)]
    [InlineData("52.01", "kabupaten", "52")]
    [InlineData("52.69", "kabupaten", "52")]
    [InlineData("52.71", "kota", "52")]
    [InlineData("52.99", "kota", "52")]
    public void A_code_implies_its_kind_and_province(string code, string kind, string? parent)
    {
        Assert.Equal(kind, RegionCode.KindOf(code));
        Assert.Equal(parent, RegionCode.ParentOf(code));
        Assert.Equal(parent is null, RegionCode.IsProvince(code));
    }

    [Fact]
    public void The_rule_texts_are_those_the_services_answer_with()
    {
        Assert.Equal("must be a Kemendagri code like 52 or 52.71", RegionCode.Rule);
        Assert.Equal("must be empty (the nation) or a Kemendagri code like 52 or 52.71", RegionCode.RuleWithNation);
    }
}
