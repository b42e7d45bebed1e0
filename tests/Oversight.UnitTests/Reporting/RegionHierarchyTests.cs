using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class RegionHierarchyTests
{
    [Fact]
    public void A_regency_rolls_up_to_its_province_and_the_nation() =>
        Assert.Equal(["52.71", "52", ""], RegionHierarchy.LevelsOf("52.71"));

    [Fact]
    public void A_province_rolls_up_to_the_nation() => Assert.Equal(["64", ""], RegionHierarchy.LevelsOf("64"));

    [Theory]
    [InlineData("52.71", "52")]
    [InlineData("52", "")]
    public void Parent_is_the_level_above(string code, string parent) => Assert.Equal(parent, RegionHierarchy.ParentOf(code));

    [Fact]
    public void The_nation_has_no_parent_and_its_own_key_name()
    {
        Assert.Null(RegionHierarchy.ParentOf(""));
        Assert.Equal("national", RegionHierarchy.KeyOf(""));
        Assert.Equal("r:national", ProjectionKeys.Counters(""));
        Assert.Equal("r:52.71", ProjectionKeys.Counters("52.71"));
    }

    [Theory]
    [InlineData("5271")]
    [InlineData("52.7")]
    [InlineData("")]
    [InlineData("52.71.01")]
    public void A_malformed_code_has_no_levels(string code) => Assert.Throws<ArgumentException>(() => RegionHierarchy.LevelsOf(code));
}
