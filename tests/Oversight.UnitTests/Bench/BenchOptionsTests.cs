using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class BenchOptionsTests
{
    [Fact]
    public void The_paced_rate_has_a_default_the_burst_size_is_each_benchmarks_own_and_both_can_be_given()
    {
        var defaults = BenchOptions.Parse([]);
        var given = BenchOptions.Parse(["--events", "2000", "--rate", "200", "--seconds", "5"]);

        Assert.Equal((null, 50), (defaults.Events, defaults.Rate));
        Assert.Equal((2000, 200, TimeSpan.FromSeconds(5)), (given.Events, given.Rate, given.Duration));
    }

    [Fact]
    public void A_rate_or_a_burst_that_is_not_a_positive_whole_number_is_refused_by_name()
    {
        Assert.Equal("--rate: expected a positive whole number", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--rate", "0"])).Message);
        Assert.Equal("--events: expected a positive whole number", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--events"])).Message);
    }
}
