using Oversight.LoadGen;
using Oversight.LoadGen.Engine;

namespace Oversight.UnitTests.LoadGen;

public sealed class LoadOptionsTests
{
    [Fact]
    public void The_default_is_a_closed_loop_of_16_callers_for_20_seconds()
    {
        var options = LoadOptions.Parse(["mix"]);
        Assert.Equal(new LoadShape.Closed(16), options.Shape);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Duration);
        Assert.Equal(24, options.Offices);
    }

    [Fact]
    public void A_rate_makes_an_open_loop_and_takes_a_per_second_suffix()
    {
        var options = LoadOptions.Parse(["burst", "--rate", "37.5/s", "--max-in-flight", "100", "--seconds", "5"]);
        Assert.Equal(new LoadShape.Open(37.5, 100), options.Shape);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Duration);
    }

    [Theory]
    [InlineData("--concurrency and --rate", "burst", "--rate", "5", "--concurrency", "4")]
    [InlineData("--find-max: only for the burst scenario", "mix", "--find-max")]
    [InlineData("--rate: expected a positive number, got '0'", "burst", "--rate", "0")]
    [InlineData("--offices: expected a positive whole number, got '2.5'", "burst", "--offices", "2.5")]
    [InlineData("--seconds: a value is missing", "burst", "--seconds")]
    [InlineData("--target: needs --admin-client", "burst", "--target",
        "complaints=http://a:1,region-directory=http://a:2,reporting=http://a:3,notifications=http://a:4,directory-http=http://a:5")]
    [InlineData("--target: missing notifications, directory-http", "burst", "--target", "complaints=http://a:1,region-directory=http://a:2,reporting=http://a:3")]
    [InlineData("--env: 'oops' is not SERVICE:NAME=VALUE", "burst", "--env", "oops")]
    [InlineData("--frobnicate: unknown option", "burst", "--frobnicate")]
    [InlineData("the first argument is the scenario", "storm")]
    public void Bad_options_are_refused_naming_the_option_and_the_rule(string message, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(args));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_find_max_search_warms_up_for_minutes_unless_told_otherwise()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), LoadOptions.Parse(["burst", "--rate", "8"]).WarmUp);
        Assert.Equal(TimeSpan.FromSeconds(120), LoadOptions.Parse(["burst", "--find-max"]).WarmUp);
        Assert.Equal(TimeSpan.FromSeconds(10), LoadOptions.Parse(["burst", "--warmup", "10", "--find-max"]).WarmUp);
        Assert.Equal(TimeSpan.Zero, LoadOptions.Parse(["burst", "--find-max", "--warmup", "0"]).WarmUp);
    }

    [Fact]
    public void A_remote_target_takes_its_urls_and_the_admin_credentials()
    {
        var options = LoadOptions.Parse(["situation-room", "--target",
            "complaints=http://h:1,region-directory=http://h:2,reporting=http://h:3,notifications=http://h:4,directory-http=http://h:5",
            "--admin-client", "oversight-admin", "--admin-secret", "s3cret"]);
        Assert.Equal("http://h:3", options.Target!["reporting"]);
        Assert.Equal(("oversight-admin", "s3cret"), (options.AdminClient, options.AdminSecret));
    }

    [Fact]
    public void Settings_for_the_self_started_system_are_keyed_by_service()
    {
        var options = LoadOptions.Parse(["burst", "--env", "complaints:Complaints__RateLimit__PermitsPerMinute=600000"]);
        Assert.Equal("600000", options.Environment["complaints:Complaints__RateLimit__PermitsPerMinute"]);
    }

    [Fact]
    public void Find_max_rates_rise_by_the_factor_up_to_the_ceiling()
    {
        Assert.Equal([4, 6, 9, 13.5], FindMax.Rates(4, 1.5, 20));
        Assert.Equal([1, 2, 4, 8], FindMax.Rates(1, 2, 8));
    }
}
