using System.Net;
using System.Security.Cryptography;
using System.Text;
using Oversight.Notifications.Infrastructure.Webhooks;
using Oversight.Notifications.Model.Webhooks;

namespace Oversight.UnitTests.Notifications;

public sealed class WebhookRulesTests
{
    private const string Secret = "whsec_0123456789abcdef";
    private const string Body = "{\"id\":\"e1\",\"type\":\"ComplaintSubmitted\"}";

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_timestamp_dot_body()
    {
        var header = WebhookSignature.Sign(Secret, 1700000000, Body);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000." + Body)));
        Assert.Equal($"t=1700000000,v1={expected}", header);
    }

    [Fact]
    public void Verification_needs_the_right_secret_the_same_body_and_a_fresh_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var header = WebhookSignature.Sign(Secret, now.ToUnixTimeSeconds(), Body);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, now.AddSeconds(30), tolerance));
        Assert.False(WebhookSignature.Verify("whsec_another_secret_00", header, Body, now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body + " ", now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "garbage", Body, now, tolerance));
    }

    [Theory]
    [InlineData("https://hooks.example.org/in", true, null)]
    [InlineData("http://hooks.example.org/in", true, null)]
    [InlineData("ftp://hooks.example.org/in", true, "must use http or https")]
    [InlineData("hooks.example.org/in", true, "must be an absolute URL")]
    [InlineData("https://user:pw@hooks.example.org/in", true, "must not contain credentials")]
    [InlineData("http://localhost:8080/in", false, "must not point to a loopback address")]
    [InlineData("http://127.0.0.1/in", false, "must not point to a loopback address")]
    [InlineData("http://[::1]/in", false, "must not point to a loopback address")]
    [InlineData("http://10.1.2.3/in", false, "must not point to a private or internal address")]
    [InlineData("http://192.168.1.10/in", false, "must not point to a private or internal address")]
    [InlineData("http://172.20.0.5/in", false, "must not point to a private or internal address")]
    [InlineData("http://169.254.169.254/latest/meta-data", false, "must not point to a private or internal address")]
    [InlineData("http://complaints/in", false, "must use a fully qualified host name")]
    [InlineData("http://127.0.0.1:5000/in", true, null)]
    [InlineData("http://localhost:5000/in", true, null)]
    public void Webhook_urls_are_http_or_https_and_not_internal_unless_allowed(string url, bool allowPrivate, string? rule) =>
        Assert.Equal(rule, WebhookUrlPolicy.Check(url, allowPrivate));

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.15.0.1", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        Assert.Equal(isInternal, WebhookUrlPolicy.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void An_address_of_the_hosts_own_interfaces_is_internal_even_when_public()
    {
        // Issue 16: an address of the host's own interface was accepted and delivered to. Every non-loopback address
        // this machine has (its network interface's) must be refused, in a URL and at connect time.
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .Where(a => !IPAddress.IsLoopback(a)).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, address => Assert.True(WebhookUrlPolicy.IsInternal(address), $"{address} of this host"));
        var v4 = own.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        if (v4 is not null) Assert.Equal("must not point to a private or internal address", WebhookUrlPolicy.Check($"http://{v4}:8080/in", false));
    }

    [Fact]
    public async Task A_name_resolving_to_an_internal_address_is_refused_at_subscription_and_an_unknown_name_is_not()
    {
        // This host's own name resolves to one of its own addresses (or loopback).
        var host = Dns.GetHostName();
        Assert.Equal($"must not point to a private or internal address ({host} resolves to one)",
            await WebhookUrlPolicy.CheckResolvedAsync($"http://{host}/in", false, CancellationToken.None));
        Assert.Null(await WebhookUrlPolicy.CheckResolvedAsync($"http://{host}/in", true, CancellationToken.None));
        Assert.Null(await WebhookUrlPolicy.CheckResolvedAsync("http://no-such-host.oversight.invalid/in", false, CancellationToken.None));
    }
}
