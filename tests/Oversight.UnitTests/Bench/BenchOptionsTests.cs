using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void The_burst_size_and_the_paced_rate_have_defaults_and_can_be_given()
    {
        var defaults = BenchOptions.Parse([]);
        var given = BenchOptions.Parse(["--events", "2000", "--rate", "200", "--seconds", "5"]);

        Assert.Equal((500, 50), (defaults.Events, defaults.Rate));
        Assert.Equal((2000, 200, TimeSpan.FromSeconds(5)), (given.Events, given.Rate, given.Duration));
    }

    [Fact]
    public void A_rate_that_is_not_a_positive_whole_number_is_refused_by_name()
    {
        var refused = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--rate", "0"]));

        Assert.Equal("--rate: expected a positive whole number", refused.Message);
    }
}
