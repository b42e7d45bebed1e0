using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Oversight.Dashboard;
using Oversight.Dashboard.Otlp;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>The OTLP ports take only requests with this run's API key, over both protocols; nothing else is stored.</summary>
public sealed class OtlpApiKeyTests : IAsyncLifetime
{
    private readonly string _apiKey = OtlpApiKey.Generate();
    private DashboardServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await DashboardServer.StartAsync(new DashboardOptions { OtlpApiKey = _apiKey, OtlpGrpcPort = 0, OtlpHttpPort = 0, MaxRequestBytes = 64 * 1024 });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    internal static ExportTraceServiceRequest OneSpan(string service, int padding = 0) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new OpenTelemetry.Proto.Resource.V1.Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } } } },
                ScopeSpans =
                {
                    new ScopeSpans
                    {
                        Spans =
                        {
                            new Span
                            {
                                TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()), SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64())),
                                Name = "op", StartTimeUnixNano = 1, EndTimeUnixNano = 2,
                                Attributes = { new KeyValue { Key = "padding", Value = new AnyValue { StringValue = new string('x', padding) } } },
                            },
                        },
                    },
                },
            },
        },
    };

    [Fact]
    public async Task Grpc_export_without_the_key_or_with_a_wrong_one_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(_server.OtlpGrpcEndpoint);
        var traces = new TraceService.TraceServiceClient(channel);
        var logs = new LogsService.LogsServiceClient(channel);
        var metrics = new MetricsService.MetricsServiceClient(channel);

        var none = await Assert.ThrowsAsync<RpcException>(async () => await traces.ExportAsync(OneSpan("intruder")));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await traces.ExportAsync(OneSpan("intruder"), Key(_apiKey + "x")));
        var noLogs = await Assert.ThrowsAsync<RpcException>(async () => await logs.ExportAsync(new ExportLogsServiceRequest()));
        var noMetrics = await Assert.ThrowsAsync<RpcException>(async () => await metrics.ExportAsync(new ExportMetricsServiceRequest(), Key("")));

        Assert.All([none, wrong, noLogs, noMetrics], e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
        Assert.Empty(_server.Telemetry.GetResources());

        // The same request with the key is taken: the refusal above was the key's doing.
        var answer = await traces.ExportAsync(OneSpan("complaints"), Key(_apiKey));
        Assert.Null(answer.PartialSuccess);
        Assert.Equal("complaints", Assert.Single(_server.Telemetry.GetResources()).Key.ServiceName);
    }

    [Fact]
    public async Task Http_export_without_the_key_or_with_a_wrong_one_is_401()
    {
        using var http = new HttpClient { BaseAddress = _server.OtlpHttpEndpoint };

        foreach (var path in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            using var none = await http.SendAsync(Post(path, OneSpan("intruder").ToByteArray(), key: null));
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            using var wrong = await http.SendAsync(Post(path, OneSpan("intruder").ToByteArray(), key: _apiKey[..^1]));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        Assert.Empty(_server.Telemetry.GetResources());

        using var accepted = await http.SendAsync(Post("/v1/traces", OneSpan("complaints").ToByteArray(), _apiKey));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(OtlpHttpContentType, accepted.Content.Headers.ContentType?.MediaType);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await accepted.Content.ReadAsByteArrayAsync());
        Assert.Null(answer.PartialSuccess);
        Assert.Equal("complaints", Assert.Single(_server.Telemetry.GetResources()).Key.ServiceName);
    }

    [Fact]
    public async Task Http_refuses_oversized_bodies_and_other_content_types_and_stores_nothing()
    {
        using var http = new HttpClient { BaseAddress = _server.OtlpHttpEndpoint };

        using var large = await http.SendAsync(Post("/v1/traces", OneSpan("big", padding: 100 * 1024).ToByteArray(), _apiKey));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        using var json = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        json.Headers.Add(OtlpApiKey.HeaderName, _apiKey);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(json)).StatusCode);
        using var garbage = await http.SendAsync(Post("/v1/logs", [0xff, 0xff, 0xff], _apiKey));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        Assert.Empty(_server.Telemetry.GetResources());
    }

    private const string OtlpHttpContentType = "application/x-protobuf";

    private static Metadata Key(string key) => new() { { OtlpApiKey.HeaderName, key } };

    private static HttpRequestMessage Post(string path, byte[] body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OtlpHttpContentType);
        if (key is not null) request.Headers.Add(OtlpApiKey.HeaderName, key);
        return request;
    }
}
