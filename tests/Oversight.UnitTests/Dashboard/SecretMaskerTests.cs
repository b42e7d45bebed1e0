using Oversight.Dashboard.Ui;

namespace Oversight.UnitTests.Dashboard;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("RegionDirectory__BootstrapAdmin__Secret")]
    [InlineData("Complaints__IdentityKeys__k1")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("x-otlp-api-key")]
    [InlineData("ApiKey")]
    [InlineData("SIGNING_KEY")]
    [InlineData("RABBITMQ_DEFAULT_PASS")]
    [InlineData("Jwt__ClientCredentials")]
    [InlineData("db.pwd")]
    public void Secret_names_are_recognised(string name) => Assert.True(SecretMasker.IsSecretName(name));

    [Theory]
    [InlineData("RegionDirectory__CacheKeyPrefix")]
    [InlineData("Complaints__CurrentIdentityKeyId")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS")]
    [InlineData("ConnectionStrings__directorydb")]
    [InlineData("Kestrel__Endpoints__http__Url")]
    [InlineData("KEYBOARD_LAYOUT")]
    [InlineData("Passage")]
    public void Other_names_are_not(string name) => Assert.False(SecretMasker.IsSecretName(name));

    [Fact]
    public void A_secret_variable_is_masked_whole_and_an_empty_one_stays_empty()
    {
        Assert.Equal(SecretMasker.Mask, SecretMasker.MaskValue("Complaints__IdentityKeys__k1", "c2VjcmV0LWtleS1ieXRlcw=="));
        Assert.Equal("", SecretMasker.MaskValue("POSTGRES_PASSWORD", ""));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=15432;Username=postgres;Password=s3cr3t-Pw;Database=directorydb",
        "Host=127.0.0.1;Port=15432;Username=postgres;Password=••••••••;Database=directorydb")]
    [InlineData("127.0.0.1:16379,password=s3cr3t-Pw,abortConnect=false", "127.0.0.1:16379,password=••••••••,abortConnect=false")]
    [InlineData("amqp://guest:s3cr3t-Pw@127.0.0.1:15682/vhost", "amqp://guest:••••••••@127.0.0.1:15682/vhost")]
    [InlineData("x-otlp-api-key=s3cr3t-Pw", "x-otlp-api-key=••••••••")]
    [InlineData("Server=db; User Id=sa; Pwd = s3cr3t-Pw ;", "Server=db; User Id=sa; Pwd = •••••••• ;")]
    public void Secrets_inside_values_are_masked_and_the_rest_kept(string value, string expected)
    {
        var masked = SecretMasker.MaskValue("ConnectionStrings__anything", value);
        Assert.Equal(expected, masked);
        Assert.DoesNotContain("s3cr3t", masked);
    }

    [Theory]
    [InlineData("http://localhost:5101")]
    [InlineData("service.instance.id=abc123")]
    [InlineData("Host=127.0.0.1;Port=15432;Username=postgres;Database=directorydb")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffffff ")]
    public void Values_without_secrets_are_unchanged(string value) => Assert.Equal(value, SecretMasker.MaskValue("SOMETHING", value));

    [Fact]
    public void MaskAll_orders_by_name_and_flags_what_it_masked()
    {
        var all = SecretMasker.MaskAll(new Dictionary<string, string> { ["B_PASSWORD"] = "x", ["A"] = "y" });
        Assert.Equal([("A", "y", false), ("B_PASSWORD", SecretMasker.Mask, true)], all);
    }
}
