using System.Text.RegularExpressions;
using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.UnitTests.Hosting;

/// <summary>The environment a project gets must be exactly what .NET Aspire would inject, so services never know who runs them.</summary>
public sealed class AspireEnvironmentTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "oversight-env-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly DistributedApplicationOptions _options;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly ProjectResource _directory;

    public AspireEnvironmentTests()
    {
        _options = new DistributedApplicationOptions
        {
            StateDirectory = _state,
            OtlpEndpoint = new Uri("http://localhost:18889"),
            OtlpApiKey = "k3y",
        };
        var builder = new DistributedApplicationBuilder(_options);
        var postgres = builder.AddPostgres("postgres");
        var db = postgres.AddDatabase("complaintsdb");
        var cache = builder.AddRedis("cache");
        var messaging = builder.AddRabbitMQ("messaging");
        var directory = builder.AddProject("region-directory", "services/RegionDirectory/Oversight.RegionDirectory.csproj");
        var complaints = builder.AddProject("complaints", "services/Complaints/Oversight.Complaints.csproj")
            .WithReference(db).WithReference(cache).WithReference(messaging).WithReference(directory);
        _directory = directory.Resource;
        _env = complaints.Resource.BuildEnvironment(_options);
    }

    [Fact]
    public void Postgres_database_connection_string_has_aspires_keys_and_the_database()
    {
        Assert.Matches(new Regex(@"^Host=127\.0\.0\.1;Port=15432;Username=postgres;Password=[A-Za-z0-9]{22};Database=complaintsdb$"),
            _env["ConnectionStrings__complaintsdb"]);
    }

    [Fact]
    public void Redis_connection_string_is_host_port_and_password()
    {
        Assert.Matches(new Regex(@"^127\.0\.0\.1:16379,password=[A-Za-z0-9]{22}$"), _env["ConnectionStrings__cache"]);
    }

    [Fact]
    public void RabbitMQ_connection_string_is_an_amqp_uri_with_credentials()
    {
        Assert.Matches(new Regex(@"^amqp://guest:[A-Za-z0-9]{22}@127\.0\.0\.1:15682$"), _env["ConnectionStrings__messaging"]);
    }

    [Fact]
    public void Referenced_project_appears_in_both_service_discovery_forms_for_each_endpoint()
    {
        var http = _directory.Endpoint("http").Url;
        var grpc = _directory.Endpoint("grpc").Url;
        Assert.Equal("http://localhost:5101", http);
        Assert.Equal("http://localhost:5102", grpc);
        Assert.Equal(http, _env["services__region-directory__http__0"]);
        Assert.Equal(grpc, _env["services__region-directory__grpc__0"]);
        Assert.Equal(http, _env["REGION_DIRECTORY_HTTP"]);
        Assert.Equal(grpc, _env["REGION_DIRECTORY_GRPC"]);
    }

    [Fact]
    public void Own_kestrel_endpoints_get_their_allocated_urls()
    {
        Assert.Equal("http://localhost:5111", _env["Kestrel__Endpoints__http__Url"]);
        Assert.Equal("http://localhost:5112", _env["Kestrel__Endpoints__grpc__Url"]);
    }

    [Fact]
    public void OpenTelemetry_settings_match_aspires_names_and_formats()
    {
        Assert.Equal("http://localhost:18889", _env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", _env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("complaints", _env["OTEL_SERVICE_NAME"]);
        Assert.Matches(new Regex("^service.instance.id=[0-9a-f]{12}$"), _env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("x-otlp-api-key=k3y", _env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("1000", _env["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", _env["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", _env["OTEL_METRIC_EXPORT_INTERVAL"]);
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_otel_variables_are_set()
    {
        var options = new DistributedApplicationOptions { StateDirectory = _state };
        var env = _directory.BuildEnvironment(options);
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("OTEL_", StringComparison.Ordinal));
    }

    [Fact]
    public void Passwords_are_kept_in_the_state_folder_and_reused()
    {
        var again = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = _state }).AddRedis("cache");
        Assert.EndsWith(again.Resource.Password, _env["ConnectionStrings__cache"]);
    }

    [Fact]
    public void Port_offset_moves_every_default_port()
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = _state, PortOffset = 1000 });
        Assert.Equal(16432, builder.AddPostgres("postgres").Resource.Port);
        Assert.Equal(6101, builder.AddProject("region-directory", "services/RegionDirectory/Oversight.RegionDirectory.csproj").Resource.Endpoint("http").Port);
    }

    [Theory]
    [InlineData("region-directory", "REGION_DIRECTORY")]
    [InlineData("complaints", "COMPLAINTS")]
    [InlineData("a.b c", "A_B_C")]
    public void Environment_names_are_upper_case_with_non_alphanumerics_as_underscores(string name, string expected) =>
        Assert.Equal(expected, ProjectResource.EnvironmentName(name));

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
