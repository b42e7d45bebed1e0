using Oversight.Dashboard;
using Oversight.Dashboard.Otlp;
using Oversight.Dashboard.Telemetry;
using Oversight.Hosting;
using Oversight.Hosting.Resources;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>
/// A real service (region-directory) exports with its own OpenTelemetry SDK, configured only by the
/// environment the AppHost gives it, and the dashboard's receiver stores its traces, logs and metrics.
/// </summary>
public sealed class OtlpReceiverTests(TestServers servers)
{
    [Fact]
    public async Task The_apphost_dashboard_receives_a_service_over_grpc()
    {
        var builder = NewBuilder();
        var dashboard = builder.AddDashboard();
        var directory = await AddDirectoryAsync(builder);
        await using var app = builder.Build();
        await app.StartAsync();

        // The AppHost points every service at its own receiver, with this run's key.
        var environment = directory.Resource.Environment;
        Assert.Equal(dashboard.Resource.OtlpGrpcEndpoint.ToString().TrimEnd('/'), environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.StartsWith($"{OtlpApiKey.HeaderName}=", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal(ResourceState.Healthy, dashboard.Resource.State);
        Assert.Contains(dashboard.Resource, directory.Resource.WaitsFor);

        await AssertRegionLookupArrivesAsync(dashboard.Resource.Telemetry!, directory.Resource);
    }

    [Fact]
    public async Task The_receiver_takes_a_service_over_http_protobuf()
    {
        var apiKey = OtlpApiKey.Generate();
        await using var server = await DashboardServer.StartAsync(new DashboardOptions { OtlpApiKey = apiKey, OtlpGrpcPort = 0, OtlpHttpPort = 0 });
        var builder = NewBuilder(server.OtlpHttpEndpoint, "http/protobuf", apiKey);
        var directory = await AddDirectoryAsync(builder);
        await using var app = builder.Build();
        await app.StartAsync();

        await AssertRegionLookupArrivesAsync(server.Telemetry, directory.Resource);
    }

    private DistributedApplicationBuilder NewBuilder(Uri? otlpEndpoint = null, string otlpProtocol = "grpc", string? apiKey = null) =>
        new(new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(servers.StateDirectory, "otlp-" + Guid.NewGuid().ToString("N")[..8]),
            RandomPorts = true,
            EchoConsole = false,
            OtlpEndpoint = otlpEndpoint,
            OtlpProtocol = otlpProtocol,
            OtlpApiKey = apiKey,
        });

    private async Task<ResourceBuilder<ProjectResource>> AddDirectoryAsync(DistributedApplicationBuilder builder) =>
        builder.AddProject(TestSystem.RegionDirectory, "services/RegionDirectory/Oversight.RegionDirectory.csproj")
            .WithReference(builder.AddConnectionString("directorydb", await servers.CreateDatabaseAsync("directory")))
            .WithReference(builder.AddConnectionString("cache", servers.Redis.ConnectionString))
            .WithReference(builder.AddConnectionString("messaging", await servers.CreateVirtualHostAsync()))
            .WithEnvironment("RegionDirectory__CacheKeyPrefix", TestServers.NewKeyPrefix() + "directory:");

    private static async Task AssertRegionLookupArrivesAsync(TelemetryStore store, ProjectResource directory)
    {
        using var http = new HttpClient { BaseAddress = new Uri(directory.Endpoint("http").Url) };
        (await http.GetAsync("/v1/regions/52.71")).EnsureSuccessStatusCode();

        // Keyed by service.name and the instance id the AppHost gave this process.
        var key = new ResourceKey(TestSystem.RegionDirectory, directory.InstanceId);
        var lookup = await Eventually.HoldsAsync(
            () => Task.FromResult(store.GetTraces(new TraceQuery(Resource: key, Limit: 1000))
                .Select(t => store.GetTrace(t.TraceId))
                .SelectMany(t => t?.Spans ?? [])
                .FirstOrDefault(s => s.Kind == SpanKind.Server && s.Attributes.Contains(new TelemetryAttribute("url.path", "/v1/regions/52.71")))),
            span => span is not null, TimeSpan.FromSeconds(30), "the server span of GET /v1/regions/52.71");
        Assert.Equal(key, lookup!.Resource);
        Assert.Equal(32, lookup.TraceId.Length);
        Assert.Contains(new TelemetryAttribute("http.response.status_code", "200"), lookup.Attributes);
        Assert.Contains(store.GetResource(key)!.Attributes, a => a is { Key: "service.name", Value: TestSystem.RegionDirectory });

        await Eventually.HoldsAsync(() => Task.FromResult(store.GetLogs(new LogQuery(Resource: key)).Count),
            count => count > 0, TimeSpan.FromSeconds(30), "region-directory's log records");
        await Eventually.HoldsAsync(() => Task.FromResult(store.GetMetric(key, "http.server.request.duration")),
            series => series is { Points.Count: > 0 }, TimeSpan.FromSeconds(30), "region-directory's http.server.request.duration points");
        var series = store.GetMetric(key, "http.server.request.duration")!;
        Assert.Equal(MetricKind.Histogram, series.Instrument.Kind);
        Assert.Contains(series.Points, p => p.Count > 0 && p.Histogram is { BucketCounts.Count: > 0 });
    }
}
