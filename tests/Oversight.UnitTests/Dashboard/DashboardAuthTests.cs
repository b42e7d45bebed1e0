using Oversight.Dashboard.Ui;

namespace Oversight.UnitTests.Dashboard;

public sealed class DashboardAuthTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("192.168.1.10", false)]
    public void Only_loopback_host_names_pass(string host, bool allowed) => Assert.Equal(allowed, DashboardAuth.IsLoopbackHost(host));

    [Fact]
    public void Only_this_runs_token_is_valid()
    {
        var auth = new DashboardAuth("token-a", unsecured: false, loopbackOnly: true);
        Assert.True(auth.IsValidToken("token-a"));
        Assert.False(auth.IsValidToken("token-b"));
        Assert.False(auth.IsValidToken(""));
        Assert.False(auth.IsValidToken(null));
    }
}
