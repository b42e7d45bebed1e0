using Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests;

public sealed class RegionDirectoryChangedTests
{
    [Theory]
    [InlineData(new[] { "52.71" }, "52.71")]
    [InlineData(new[] { "52.71", "52.71" }, "52.71")]
    [InlineData(new[] { "52.71", "52.01" }, "52")]
    [InlineData(new[] { "52", "52.71" }, "52")]
    [InlineData(new[] { "52.71", "74.71" }, "")]
    [InlineData(new[] { "52.71", "" }, "")]
    [InlineData(new string[0], "")]
    public void The_event_region_is_the_smallest_region_containing_every_change(string[] codes, string expected) =>
        Assert.Equal(expected, RegionDirectoryChanged.CommonAncestor(codes));
}
