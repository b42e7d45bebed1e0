using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;
using Oversight.Dashboard;
using Oversight.Dashboard.Otlp;
using Oversight.Dashboard.Telemetry;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>Memory is measured for the whole process: this collection runs alone.</summary>
[CollectionDefinition(nameof(OtlpMemoryMeasurement), DisableParallelization = true)]
public sealed class OtlpMemoryMeasurement;

/// <summary>A flood of telemetry, far past the store's limits, leaves the store at its limits and the memory bounded.</summary>
[Collection(nameof(OtlpMemoryMeasurement))]
public sealed class OtlpFloodTests
{
    private const int Limit = 5_000;
    private const int Batch = 1_000;
    private static readonly string Padding = new('p', 1_000);

    [Fact]
    public async Task A_flood_of_spans_and_logs_keeps_the_store_at_its_limits_and_memory_bounded()
    {
        var apiKey = OtlpApiKey.Generate();
        await using var server = await DashboardServer.StartAsync(new DashboardOptions
        {
            OtlpApiKey = apiKey,
            OtlpGrpcPort = 0,
            OtlpHttpPort = 0,
            Limits = new TelemetryLimits { MaxSpansPerResource = Limit, MaxLogsPerResource = Limit },
        });
        using var channel = GrpcChannel.ForAddress(server.OtlpGrpcEndpoint);
        var traces = new TraceService.TraceServiceClient(channel);
        var headers = new Metadata { { OtlpApiKey.HeaderName, apiKey } };
        using var http = new HttpClient { BaseAddress = server.OtlpHttpEndpoint };

        // Fill the store to its limits first, then measure what a flood twenty times that size adds.
        var sent = 0;
        for (; sent < 2 * Limit; sent += Batch) await traces.ExportAsync(Spans(sent), headers);
        for (var i = 0; i < 2 * Limit; i += Batch) await PostLogsAsync(http, apiKey, i);
        var filled = LiveBytes();

        for (; sent < 100_000; sent += Batch) await traces.ExportAsync(Spans(sent), headers);
        for (var i = 2 * Limit; i < 50_000; i += Batch) await PostLogsAsync(http, apiKey, i);
        var flooded = LiveBytes();

        var resource = Assert.Single(server.Telemetry.GetResources());
        Assert.Equal(Limit, resource.SpanCount);
        Assert.Equal(100_000 - Limit, resource.DroppedSpans);
        Assert.Equal(Limit, resource.LogCount);
        Assert.Equal(50_000 - Limit, resource.DroppedLogs);
        Assert.Equal(Limit, server.Telemetry.GetTraces(new TraceQuery(Limit: int.MaxValue)).Count);  // the trace index forgets dropped spans
        Assert.Equal(Limit, server.Telemetry.GetLogs(new LogQuery(Limit: int.MaxValue)).Count);
        Assert.Equal("span 99999", server.Telemetry.GetTraces(new TraceQuery(Limit: 1))[0].RootName);
        // The 90,000 spans and 40,000 logs of the flood (each with a 1,000-character attribute) would hold
        // well over 250 MB; the store keeps the newest 5,000 of each, about the same as after the filling.
        var growth = flooded - filled;
        Assert.True(growth < 40 * 1024 * 1024, $"live memory grew by {growth / (1024 * 1024)} MB during the flood");
    }

    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static ExportTraceServiceRequest Spans(int first)
    {
        var scope = new ScopeSpans();
        for (var i = first; i < first + Batch; i++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
                SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)i + 1)),
                Name = $"span {i}",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = (ulong)(1_700_000_000_000_000_000L + i * 1_000_000L),
                EndTimeUnixNano = (ulong)(1_700_000_000_000_000_000L + i * 1_000_000L + 500_000),
                Attributes = { new KeyValue { Key = "padding", Value = new AnyValue { StringValue = Padding } } },
            });
        }
        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = FloodResource(), ScopeSpans = { scope } } } };
    }

    private static async Task PostLogsAsync(HttpClient http, string apiKey, int first)
    {
        var scope = new ScopeLogs();
        for (var i = first; i < first + Batch; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (ulong)(1_700_000_000_000_000_000L + i * 1_000_000L),
                SeverityNumber = SeverityNumber.Info,
                Body = new AnyValue { StringValue = $"log {i} {Padding}" },
            });
        }
        var request = new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = FloodResource(), ScopeLogs = { scope } } } };
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = new ByteArrayContent(request.ToByteArray()) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        message.Headers.Add(OtlpApiKey.HeaderName, apiKey);
        using var response = await http.SendAsync(message);
        response.EnsureSuccessStatusCode();
    }

    private static OpenTelemetry.Proto.Resource.V1.Resource FloodResource() => new()
    {
        Attributes =
        {
            new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "flood" } },
            new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = "f1" } },
        },
    };
}
