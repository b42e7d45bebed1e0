namespace Oversight.Dashboard.Telemetry;

/// <summary>
/// Identifies the process that sent telemetry: its <c>service.name</c> and <c>service.instance.id</c>
/// resource attributes (the AppHost sets both for every service).
/// </summary>
public readonly record struct ResourceKey(string ServiceName, string InstanceId)
{
    /// <summary>"complaints" or, for a second instance, "complaints-1a2b3c".</summary>
    public override string ToString() => InstanceId.Length == 0 ? ServiceName : $"{ServiceName} ({InstanceId})";
}

/// <summary>One attribute, its value rendered as text (arrays and maps as JSON-like text).</summary>
public readonly record struct TelemetryAttribute(string Key, string Value);

/// <summary>What a resource sent and what the store had to drop to stay within its limits.</summary>
public sealed record TelemetryResource(
    ResourceKey Key,
    IReadOnlyList<TelemetryAttribute> Attributes,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int SpanCount,
    int LogCount,
    int InstrumentCount,
    long DroppedSpans,
    long DroppedLogs,
    long DroppedMetricPoints)
{
    /// <summary>True when anything was dropped, so a page should say that older telemetry is gone.</summary>
    public bool HasDropped => DroppedSpans > 0 || DroppedLogs > 0 || DroppedMetricPoints > 0;
}

public enum SpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

public enum SpanStatusCode { Unset, Ok, Error }

public sealed record SpanEvent(DateTimeOffset Time, string Name, IReadOnlyList<TelemetryAttribute> Attributes);

public sealed record SpanLink(string TraceId, string SpanId, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>One span. Ids are lower-case hex; <see cref="ParentSpanId"/> is null for a root span.</summary>
public sealed record SpanRecord(
    ResourceKey Resource,
    string Scope,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    SpanStatusCode Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events,
    IReadOnlyList<SpanLink> Links)
{
    public TimeSpan Duration => End >= Start ? End - Start : TimeSpan.Zero;
}

/// <summary>A row of the traces list: one trace id with the spans the store holds for it.</summary>
public sealed record TraceSummary(
    string TraceId,
    DateTimeOffset Start,
    TimeSpan Duration,
    string RootName,
    ResourceKey RootResource,
    IReadOnlyList<ResourceKey> Resources,
    int SpanCount,
    bool HasError);

/// <summary>One trace: its spans ordered by start time, each with its parent id, for a waterfall.</summary>
public sealed record TraceDetail(string TraceId, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<SpanRecord> Spans);

/// <summary>OpenTelemetry's severity ranges: Trace 1-4, Debug 5-8, Info 9-12, Warn 13-16, Error 17-20, Fatal 21-24.</summary>
public enum LogSeverity
{
    Unspecified = 0,
    Trace = 1,
    Debug = 5,
    Information = 9,
    Warning = 13,
    Error = 17,
    Fatal = 21,
}

/// <summary>One structured log record. <see cref="Message"/> is the body as text.</summary>
public sealed record LogEntry(
    ResourceKey Resource,
    string Scope,
    DateTimeOffset Timestamp,
    int SeverityNumber,
    string SeverityText,
    string Message,
    string? EventName,
    IReadOnlyList<TelemetryAttribute> Attributes,
    string? TraceId,
    string? SpanId)
{
    /// <summary>The severity's range (Information for 9-12 and so on).</summary>
    public LogSeverity Severity => SeverityNumber switch
    {
        <= 0 => LogSeverity.Unspecified,
        <= 4 => LogSeverity.Trace,
        <= 8 => LogSeverity.Debug,
        <= 12 => LogSeverity.Information,
        <= 16 => LogSeverity.Warning,
        <= 20 => LogSeverity.Error,
        _ => LogSeverity.Fatal,
    };
}

public enum MetricKind { Gauge, Sum, Histogram, ExponentialHistogram, Summary }

/// <summary>An instrument of a resource (name within its meter/scope), without its points.</summary>
public sealed record MetricInstrument(
    ResourceKey Resource,
    string Scope,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool IsMonotonic,
    int PointCount,
    long DroppedPoints);

/// <summary>Histogram data of a point: upper bounds (the last bucket is unbounded) and counts per bucket.</summary>
public sealed record HistogramData(IReadOnlyList<double> ExplicitBounds, IReadOnlyList<ulong> BucketCounts);

public readonly record struct QuantileValue(double Quantile, double Value);

/// <summary>
/// One data point of an instrument. <see cref="Value"/> is the number for gauges and sums and the sum for
/// histograms and summaries (null when not sent); <see cref="Count"/>, <see cref="Min"/>, <see cref="Max"/>,
/// <see cref="Histogram"/> and <see cref="Quantiles"/> are set for the kinds that have them.
/// </summary>
public sealed record MetricPoint(
    DateTimeOffset Start,
    DateTimeOffset Time,
    IReadOnlyList<TelemetryAttribute> Attributes,
    double? Value,
    ulong? Count = null,
    double? Min = null,
    double? Max = null,
    HistogramData? Histogram = null,
    IReadOnlyList<QuantileValue>? Quantiles = null);

/// <summary>An instrument with its points over time (oldest first).</summary>
public sealed record MetricSeries(MetricInstrument Instrument, IReadOnlyList<MetricPoint> Points);

/// <summary>What a change notification is about.</summary>
[Flags]
public enum TelemetryKinds { None = 0, Resources = 1, Spans = 2, Logs = 4, Metrics = 8 }

/// <summary>Telemetry of <paramref name="Resource"/> arrived (or was dropped); pages re-query what they show.</summary>
public readonly record struct TelemetryChange(ResourceKey Resource, TelemetryKinds Kinds);

/// <summary>The traces list's filter: by resource (any span of it), by text (trace id prefix or any span name).</summary>
public sealed record TraceQuery(ResourceKey? Resource = null, string? Text = null, int Limit = 200);

/// <summary>The structured logs' filter. Results are oldest first, the newest <see cref="Limit"/> of them.</summary>
public sealed record LogQuery(
    ResourceKey? Resource = null,
    LogSeverity MinimumSeverity = LogSeverity.Unspecified,
    string? Text = null,
    string? TraceId = null,
    int Limit = 500);

/// <summary>
/// The store's bounds. Each resource keeps at most <see cref="MaxSpansPerResource"/> spans and
/// <see cref="MaxLogsPerResource"/> log records, and each instrument at most
/// <see cref="MaxPointsPerInstrument"/> points: the oldest go first, and are counted.
/// </summary>
public sealed record TelemetryLimits
{
    public int MaxSpansPerResource { get; init; } = 10_000;
    public int MaxLogsPerResource { get; init; } = 10_000;
    public int MaxPointsPerInstrument { get; init; } = 1_000;
    /// <summary>New instruments past this are refused (counted as dropped points).</summary>
    public int MaxInstrumentsPerResource { get; init; } = 200;
    /// <summary>New resources past this are refused (the OTLP answer reports them as rejected).</summary>
    public int MaxResources { get; init; } = 100;
    /// <summary>Attributes kept per span, event, log record or point.</summary>
    public int MaxAttributeCount { get; init; } = 128;
    /// <summary>Longer attribute values and log messages are cut to this many characters.</summary>
    public int MaxAttributeLength { get; init; } = 8_192;
    /// <summary>Events and links kept per span.</summary>
    public int MaxSpanEvents { get; init; } = 128;
}
