using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class OpenDataSuppressionTests
{
    private static PublishedProvince Only(IReadOnlyList<PublishedProvince> provinces) => Assert.Single(provinces);

    [Fact]
    public void Counts_below_the_threshold_are_suppressed_and_zero_and_larger_ones_shown()
    {
        var province = Only(OpenDataSuppression.Apply([("52", 8, [("52.01", 0), ("52.02", 1), ("52.03", 2), ("52.71", 5)])], 3));
        Assert.Equal(8, province.Count);
        Assert.Equal(new PublishedCount("52.01", 0, "0"), province.Regions[0]);
        Assert.Equal(new PublishedCount("52.02", null, "<3"), province.Regions[1]);
        Assert.Equal(new PublishedCount("52.03", null, "<3"), province.Regions[2]);
        Assert.Equal(new PublishedCount("52.71", 5, "5"), province.Regions[3]);
    }

    [Fact]
    public void A_single_suppressed_regency_takes_the_smallest_other_one_with_it()
    {
        // 10 - 4 - 5 would give away the 1 of 52.02.
        var province = Only(OpenDataSuppression.Apply([("52", 10, [("52.02", 1), ("52.71", 4), ("52.72", 5)])], 3));
        Assert.Null(province.Regions.Single(r => r.Code == "52.02").Count);
        Assert.Equal(new PublishedCount("52.71", null, "suppressed"), province.Regions.Single(r => r.Code == "52.71"));
        Assert.Equal(5, province.Regions.Single(r => r.Code == "52.72").Count);
        Assert.Equal(10, province.Count);
    }

    [Fact]
    public void A_single_suppressed_regency_with_no_other_to_hide_hides_the_province()
    {
        var province = Only(OpenDataSuppression.Apply([("64", 6, [("64.03", 2), ("64.01", 0)])], 3));
        Assert.Null(province.Count);
        Assert.Equal("suppressed", province.Label);
        Assert.Null(province.Regions.Single(r => r.Code == "64.03").Count);
    }

    [Fact]
    public void A_small_province_is_suppressed_and_the_threshold_is_configurable()
    {
        var provinces = OpenDataSuppression.Apply([("74", 2, [("74.71", 2)]), ("52", 4, [("52.71", 4)])], 3);
        Assert.Equal(new PublishedProvince("52", 4, "4", [new("52.71", 4, "4")]).Count, provinces[0].Count);
        Assert.Null(provinces[1].Count);
        Assert.Equal("<3", provinces[1].Label);

        var strict = Only(OpenDataSuppression.Apply([("52", 4, [("52.71", 4)])], 5));
        Assert.Null(strict.Count);
        Assert.Equal("<5", strict.Regions[0].Label);
    }
}
