using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using Oversight.Dashboard.Telemetry;
using ProtoMetrics = OpenTelemetry.Proto.Metrics.V1;
using ProtoTrace = OpenTelemetry.Proto.Trace.V1;

namespace Oversight.Dashboard.Otlp;

/// <summary>Turns OTLP export requests into the store's records and stores them; returns how many items were refused.</summary>
public sealed class OtlpConverter(TelemetryStore store)
{
    private TelemetryLimits Limits => store.Limits;

    public long StoreTraces(ExportTraceServiceRequest request)
    {
        long rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var (key, attributes) = Resource(resourceSpans.Resource?.Attributes);
            List<SpanRecord> spans = [];
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
                    {
                        rejected++;
                        continue;
                    }
                    spans.Add(new SpanRecord(
                        key, scope, Hex(span.TraceId), Hex(span.SpanId),
                        span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
                        span.Name, (Telemetry.SpanKind)(int)span.Kind,
                        Time(span.StartTimeUnixNano), Time(span.EndTimeUnixNano),
                        span.Status is null ? SpanStatusCode.Unset : (SpanStatusCode)(int)span.Status.Code,
                        string.IsNullOrEmpty(span.Status?.Message) ? null : Cut(span.Status.Message),
                        Attributes(span.Attributes),
                        [.. span.Events.Take(Limits.MaxSpanEvents).Select(e => new SpanEvent(Time(e.TimeUnixNano), e.Name, Attributes(e.Attributes)))],
                        [.. span.Links.Take(Limits.MaxSpanEvents).Select(l => new SpanLink(Hex(l.TraceId), Hex(l.SpanId), Attributes(l.Attributes)))]));
                }
            }
            rejected += spans.Count - store.AddSpans(key, attributes, spans);
        }
        return rejected;
    }

    public long StoreLogs(ExportLogsServiceRequest request)
    {
        long rejected = 0;
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var (key, attributes) = Resource(resourceLogs.Resource?.Attributes);
            List<LogEntry> logs = [];
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? "";
                foreach (var log in scopeLogs.LogRecords)
                {
                    logs.Add(new LogEntry(
                        key, scope,
                        Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano),
                        (int)log.SeverityNumber, log.SeverityText,
                        log.Body is null ? "" : Cut(Text(log.Body)),
                        string.IsNullOrEmpty(log.EventName) ? null : log.EventName,
                        Attributes(log.Attributes),
                        log.TraceId.Length == 16 ? Hex(log.TraceId) : null,
                        log.SpanId.Length == 8 ? Hex(log.SpanId) : null));
                }
            }
            rejected += logs.Count - store.AddLogs(key, attributes, logs);
        }
        return rejected;
    }

    public long StoreMetrics(ExportMetricsServiceRequest request)
    {
        long rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var (key, attributes) = Resource(resourceMetrics.Resource?.Attributes);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? "";
                foreach (var metric in scopeMetrics.Metrics)
                {
                    if (Points(scope, metric) is not var (descriptor, points) || points.Count == 0) continue;
                    rejected += points.Count - store.AddMetricPoints(key, attributes, descriptor, points);
                }
            }
        }
        return rejected;
    }

    private (MetricDescriptor, List<MetricPoint>)? Points(string scope, ProtoMetrics.Metric metric)
    {
        MetricDescriptor Descriptor(MetricKind kind, bool monotonic = false) =>
            new(scope, metric.Name, metric.Description, metric.Unit, kind, monotonic);

        switch (metric.DataCase)
        {
            case ProtoMetrics.Metric.DataOneofCase.Gauge:
                return (Descriptor(MetricKind.Gauge), [.. metric.Gauge.DataPoints.Select(Number)]);
            case ProtoMetrics.Metric.DataOneofCase.Sum:
                return (Descriptor(MetricKind.Sum, metric.Sum.IsMonotonic), [.. metric.Sum.DataPoints.Select(Number)]);
            case ProtoMetrics.Metric.DataOneofCase.Histogram:
                return (Descriptor(MetricKind.Histogram), [.. metric.Histogram.DataPoints.Select(p => new MetricPoint(
                    Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), Attributes(p.Attributes),
                    p.HasSum ? p.Sum : null, p.Count, p.HasMin ? p.Min : null, p.HasMax ? p.Max : null,
                    new HistogramData([.. p.ExplicitBounds], [.. p.BucketCounts])))]);
            case ProtoMetrics.Metric.DataOneofCase.ExponentialHistogram:
                return (Descriptor(MetricKind.ExponentialHistogram), [.. metric.ExponentialHistogram.DataPoints.Select(p => new MetricPoint(
                    Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), Attributes(p.Attributes),
                    p.HasSum ? p.Sum : null, p.Count, p.HasMin ? p.Min : null, p.HasMax ? p.Max : null,
                    ExponentialBuckets(p)))]);
            case ProtoMetrics.Metric.DataOneofCase.Summary:
                return (Descriptor(MetricKind.Summary), [.. metric.Summary.DataPoints.Select(p => new MetricPoint(
                    Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), Attributes(p.Attributes), p.Sum, p.Count,
                    Quantiles: [.. p.QuantileValues.Select(q => new QuantileValue(q.Quantile, q.Value))]))]);
            default:
                return null;
        }
    }

    private MetricPoint Number(ProtoMetrics.NumberDataPoint p) => new(
        Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), Attributes(p.Attributes),
        p.ValueCase switch
        {
            ProtoMetrics.NumberDataPoint.ValueOneofCase.AsDouble => p.AsDouble,
            ProtoMetrics.NumberDataPoint.ValueOneofCase.AsInt => p.AsInt,
            _ => null,
        });

    // The positive buckets of an exponential histogram as explicit upper bounds: bucket i covers
    // (base^i, base^(i+1)] with base = 2^(2^-scale); values at or below the zero threshold and negative
    // values are counted in the first bucket.
    private static HistogramData ExponentialBuckets(ProtoMetrics.ExponentialHistogramDataPoint p)
    {
        var counts = p.Positive?.BucketCounts ?? new RepeatedField<ulong>();
        var offset = p.Positive?.Offset ?? 0;
        var below = p.ZeroCount + (p.Negative?.BucketCounts.Aggregate(0UL, (a, c) => a + c) ?? 0);
        var growth = Math.Pow(2, Math.Pow(2, -p.Scale));
        List<double> bounds = [Math.Pow(growth, offset)];
        List<ulong> bucketCounts = [below];
        for (var i = 0; i < counts.Count; i++)
        {
            bounds.Add(Math.Pow(growth, offset + i + 1));
            bucketCounts.Add(counts[i]);
        }
        bucketCounts.Add(0); // above the last bound
        return new HistogramData(bounds, bucketCounts);
    }

    private (ResourceKey, IReadOnlyList<TelemetryAttribute>) Resource(RepeatedField<KeyValue>? attributes)
    {
        var list = attributes is null ? [] : Attributes(attributes);
        var name = list.FirstOrDefault(a => a.Key == "service.name").Value;
        var instance = list.FirstOrDefault(a => a.Key == "service.instance.id").Value;
        return (new ResourceKey(string.IsNullOrEmpty(name) ? "unknown_service" : name, instance ?? ""), list);
    }

    private IReadOnlyList<TelemetryAttribute> Attributes(RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0) return [];
        var count = Math.Min(attributes.Count, Limits.MaxAttributeCount);
        var result = new TelemetryAttribute[count];
        for (var i = 0; i < count; i++) result[i] = new TelemetryAttribute(attributes[i].Key, Cut(Text(attributes[i].Value)));
        return result;
    }

    private string Cut(string text) => text.Length <= Limits.MaxAttributeLength ? text : text[..Limits.MaxAttributeLength] + "…";

    /// <summary>An attribute value as text: strings as they are, arrays and maps in a JSON-like form.</summary>
    public static string Text(AnyValue? value)
    {
        if (value is null) return "";
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: return value.StringValue;
            case AnyValue.ValueOneofCase.BoolValue: return value.BoolValue ? "true" : "false";
            case AnyValue.ValueOneofCase.IntValue: return value.IntValue.ToString(CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.DoubleValue: return value.DoubleValue.ToString("R", CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.BytesValue: return Convert.ToBase64String(value.BytesValue.Span);
            case AnyValue.ValueOneofCase.ArrayValue:
                return "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]";
            case AnyValue.ValueOneofCase.KvlistValue:
                var text = new StringBuilder("{");
                foreach (var kv in value.KvlistValue.Values)
                {
                    if (text.Length > 1) text.Append(", ");
                    text.Append(kv.Key).Append(": ").Append(Text(kv.Value));
                }
                return text.Append('}').ToString();
            default: return "";
        }
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanos) =>
        unixNanos == 0 ? DateTimeOffset.UnixEpoch : DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(unixNanos / 100, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));
}
