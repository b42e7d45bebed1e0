using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Oversight.Dashboard.Otlp;
using Oversight.Dashboard.Telemetry;
using ProtoResource = OpenTelemetry.Proto.Resource.V1.Resource;

namespace Oversight.UnitTests.Dashboard;

/// <summary>OTLP messages (after a round trip through the wire format) become the store's records.</summary>
public sealed class TelemetryOtlpConversionTests
{
    private static readonly ulong T0Nanos = (ulong)(new DateTimeOffset(2024, 11, 1, 8, 0, 0, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static ProtoResource Resource(string name, string instance) => new()
    {
        Attributes =
        {
            new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = name } },
            new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = instance } },
        },
    };

    private static T RoundTrip<T>(T message) where T : IMessage<T>, new() =>
        new MessageParser<T>(() => new T()).ParseFrom(message.ToByteArray());

    [Fact]
    public void Spans_keep_ids_parents_kind_status_attributes_events_and_resource()
    {
        var store = new TelemetryStore();
        var traceId = Convert.FromHexString("0af7651916cd43dd8448eb211c80319c");
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = Resource("complaints", "abc"),
                    ScopeSpans =
                    {
                        new ScopeSpans
                        {
                            Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore" },
                            Spans =
                            {
                                new Span
                                {
                                    TraceId = ByteString.CopyFrom(traceId), SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
                                    Name = "POST /v1/complaints", Kind = Span.Types.SpanKind.Server,
                                    StartTimeUnixNano = T0Nanos, EndTimeUnixNano = T0Nanos + 25_000_000,
                                    Attributes =
                                    {
                                        new KeyValue { Key = "http.response.status_code", Value = new AnyValue { IntValue = 500 } },
                                        new KeyValue { Key = "tags", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "a" }, new AnyValue { BoolValue = true } } } } },
                                    },
                                    Events = { new Span.Types.Event { Name = "exception", TimeUnixNano = T0Nanos + 1_000_000 } },
                                    Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" },
                                },
                                new Span
                                {
                                    TraceId = ByteString.CopyFrom(traceId), SpanId = ByteString.CopyFrom(Convert.FromHexString("00f067aa0ba902b7")),
                                    ParentSpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
                                    Name = "GetRegion", Kind = Span.Types.SpanKind.Client,
                                    StartTimeUnixNano = T0Nanos + 2_000_000, EndTimeUnixNano = T0Nanos + 5_000_000,
                                },
                                new Span { TraceId = ByteString.CopyFrom([1, 2]), SpanId = ByteString.CopyFrom([3]), Name = "bad ids" },
                            },
                        },
                    },
                },
            },
        };

        var rejected = new OtlpConverter(store).StoreTraces(RoundTrip(request));

        Assert.Equal(1, rejected);
        var trace = store.GetTrace("0AF7651916CD43DD8448EB211C80319C");
        Assert.NotNull(trace);
        var root = trace.Spans[0];
        Assert.Equal(new ResourceKey("complaints", "abc"), root.Resource);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", root.TraceId);
        Assert.Equal("b7ad6b7169203331", root.SpanId);
        Assert.Null(root.ParentSpanId);
        Assert.Equal(Oversight.Dashboard.Telemetry.SpanKind.Server, root.Kind);
        Assert.Equal(SpanStatusCode.Error, root.Status);
        Assert.Equal("boom", root.StatusMessage);
        Assert.Equal("Microsoft.AspNetCore", root.Scope);
        Assert.Equal(TimeSpan.FromMilliseconds(25), root.Duration);
        Assert.Equal(new DateTimeOffset(2024, 11, 1, 8, 0, 0, TimeSpan.Zero), root.Start);
        Assert.Contains(new TelemetryAttribute("http.response.status_code", "500"), root.Attributes);
        Assert.Contains(new TelemetryAttribute("tags", "[a, true]"), root.Attributes);
        Assert.Equal("exception", Assert.Single(root.Events).Name);
        Assert.Equal("b7ad6b7169203331", trace.Spans[1].ParentSpanId);
        Assert.Equal(Oversight.Dashboard.Telemetry.SpanKind.Client, trace.Spans[1].Kind);
        var resource = Assert.Single(store.GetResources());
        Assert.Contains(new TelemetryAttribute("service.name", "complaints"), resource.Attributes);
    }

    [Fact]
    public void Log_records_keep_severity_body_attributes_and_trace_context()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxAttributeLength = 10 });
        var request = new ExportLogsServiceRequest
        {
            ResourceLogs =
            {
                new ResourceLogs
                {
                    Resource = Resource("reporting", "r1"),
                    ScopeLogs =
                    {
                        new ScopeLogs
                        {
                            Scope = new InstrumentationScope { Name = "Oversight.Reporting.Counter" },
                            LogRecords =
                            {
                                new LogRecord
                                {
                                    TimeUnixNano = T0Nanos, SeverityNumber = SeverityNumber.Warn, SeverityText = "Warning",
                                    Body = new AnyValue { StringValue = "Redis slow" },
                                    Attributes = { new KeyValue { Key = "region", Value = new AnyValue { StringValue = "52.71 Kota Mataram" } } },
                                    TraceId = ByteString.CopyFrom(new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }),
                                    SpanId = ByteString.CopyFrom(new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 }),
                                },
                                new LogRecord { ObservedTimeUnixNano = T0Nanos + 1, SeverityNumber = SeverityNumber.Info, Body = new AnyValue { StringValue = "no trace" } },
                            },
                        },
                    },
                },
            },
        };

        Assert.Equal(0, new OtlpConverter(store).StoreLogs(RoundTrip(request)));

        var logs = store.GetLogs();
        Assert.Equal(2, logs.Count);
        Assert.Equal("Redis slow", logs[0].Message);
        Assert.Equal(LogSeverity.Warning, logs[0].Severity);
        Assert.Equal("Oversight.Reporting.Counter", logs[0].Scope);
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", logs[0].TraceId);
        Assert.Equal("0102030405060708", logs[0].SpanId);
        Assert.Equal(new TelemetryAttribute("region", "52.71 Kota…"), Assert.Single(logs[0].Attributes)); // cut to the limit
        Assert.Null(logs[1].TraceId);
        Assert.Equal(new DateTimeOffset(2024, 11, 1, 8, 0, 0, TimeSpan.Zero), logs[1].Timestamp); // observed time when no time
    }

    [Fact]
    public void Every_metric_kind_becomes_points_of_its_instrument()
    {
        var store = new TelemetryStore();
        var metrics = new ScopeMetrics
        {
            Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore.Hosting" },
            Metrics =
            {
                new Metric { Name = "g", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T0Nanos, AsDouble = 1.5 } } } },
                new Metric
                {
                    Name = "s", Unit = "{request}",
                    Sum = new Sum { IsMonotonic = true, AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { new NumberDataPoint { TimeUnixNano = T0Nanos, AsInt = 42 } } },
                },
                new Metric
                {
                    Name = "http.server.request.duration", Unit = "s",
                    Histogram = new Histogram
                    {
                        DataPoints =
                        {
                            new HistogramDataPoint
                            {
                                TimeUnixNano = T0Nanos, Count = 3, Sum = 0.6, Min = 0.1, Max = 0.3,
                                ExplicitBounds = { 0.25, 0.5 }, BucketCounts = { 2, 1, 0 },
                                Attributes = { new KeyValue { Key = "http.route", Value = new AnyValue { StringValue = "/v1/regions/{code}" } } },
                            },
                        },
                    },
                },
                new Metric
                {
                    Name = "e",
                    ExponentialHistogram = new ExponentialHistogram
                    {
                        DataPoints = { new ExponentialHistogramDataPoint { TimeUnixNano = T0Nanos, Count = 4, Scale = 0, ZeroCount = 1, Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 1, BucketCounts = { 2, 1 } } } },
                    },
                },
                new Metric
                {
                    Name = "q",
                    Summary = new Summary { DataPoints = { new SummaryDataPoint { TimeUnixNano = T0Nanos, Count = 10, Sum = 5, QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 0.4 } } } } },
                },
            },
        };
        var request = new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { Resource = Resource("region-directory", "d1"), ScopeMetrics = { metrics } } } };

        Assert.Equal(0, new OtlpConverter(store).StoreMetrics(RoundTrip(request)));

        var key = new ResourceKey("region-directory", "d1");
        Assert.Equal(["e", "g", "http.server.request.duration", "q", "s"], store.GetInstruments(key).Select(i => i.Name));
        Assert.Equal(1.5, Assert.Single(store.GetMetric(key, "g")!.Points).Value);
        var sum = store.GetMetric(key, "s")!;
        Assert.Equal(MetricKind.Sum, sum.Instrument.Kind);
        Assert.True(sum.Instrument.IsMonotonic);
        Assert.Equal("{request}", sum.Instrument.Unit);
        Assert.Equal(42, Assert.Single(sum.Points).Value);
        var histogram = Assert.Single(store.GetMetric(key, "http.server.request.duration")!.Points);
        Assert.Equal((0.6, 3UL, 0.1, 0.3), (histogram.Value!.Value, histogram.Count!.Value, histogram.Min!.Value, histogram.Max!.Value));
        Assert.Equal([0.25, 0.5], histogram.Histogram!.ExplicitBounds);
        Assert.Equal([2UL, 1, 0], histogram.Histogram.BucketCounts);
        Assert.Equal(new TelemetryAttribute("http.route", "/v1/regions/{code}"), Assert.Single(histogram.Attributes));
        var exponential = Assert.Single(store.GetMetric(key, "e")!.Points);
        Assert.Equal([2.0, 4, 8], exponential.Histogram!.ExplicitBounds);     // scale 0: base 2, offset 1
        Assert.Equal([1UL, 2, 1, 0], exponential.Histogram.BucketCounts);
        var summary = Assert.Single(store.GetMetric(key, "q")!.Points);
        Assert.Equal(new QuantileValue(0.5, 0.4), Assert.Single(summary.Quantiles!));
    }

    [Fact]
    public void The_api_key_check_takes_exactly_the_key()
    {
        var key = new OtlpApiKey("s3cret-key");
        Assert.True(key.IsValid("s3cret-key"));
        Assert.False(key.IsValid("s3cret-kez"));
        Assert.False(key.IsValid("s3cret-key "));
        Assert.False(key.IsValid(""));
        Assert.False(key.IsValid(Microsoft.Extensions.Primitives.StringValues.Empty));
        Assert.False(key.IsValid(new Microsoft.Extensions.Primitives.StringValues(["s3cret-key", "s3cret-key"])));
        Assert.Equal(64, OtlpApiKey.Generate().Length);
        Assert.NotEqual(OtlpApiKey.Generate(), OtlpApiKey.Generate());
    }
}
