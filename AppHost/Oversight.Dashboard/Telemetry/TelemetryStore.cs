using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Oversight.Dashboard.Telemetry;

/// <summary>The identity and shape of an instrument, as a batch of points arrives with it.</summary>
public sealed record MetricDescriptor(string Scope, string Name, string Description, string Unit, MetricKind Kind, bool IsMonotonic = false);

/// <summary>
/// Recent telemetry in memory, bounded per resource (see <see cref="TelemetryLimits"/>): spans and log
/// records in ring buffers, metric points in a ring per instrument, the oldest dropped first and counted.
/// Thread-safe: the receivers write while the pages read. Everything handed out is an immutable record
/// independent of the OTLP wire types.
/// </summary>
public sealed class TelemetryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceKey, ResourceData> _resources = [];
    // Trace id -> the spans of that trace the store still holds (from any resource), by span id.
    private readonly Dictionary<string, Dictionary<string, SpanRecord>> _traces = new(StringComparer.Ordinal);
    private readonly List<Channel<TelemetryChange>> _watchers = [];
    private readonly TimeProvider _time;
    private long _rejectedResourceItems;

    public TelemetryStore(TelemetryLimits? limits = null, TimeProvider? time = null)
    {
        Limits = limits ?? new TelemetryLimits();
        _time = time ?? TimeProvider.System;
    }

    public TelemetryLimits Limits { get; }

    /// <summary>Raised after telemetry was stored (outside the store's lock; keep handlers short).</summary>
    public event Action<TelemetryChange>? Changed;

    /// <summary>Items refused because <see cref="TelemetryLimits.MaxResources"/> resources were known already.</summary>
    public long RejectedForResourceLimit
    {
        get { lock (_gate) return _rejectedResourceItems; }
    }

    // ---------------------------------------------------------------- intake

    /// <summary>Stores spans of one resource; returns how many were accepted (all, unless the resource was refused).</summary>
    public int AddSpans(ResourceKey resource, IReadOnlyList<TelemetryAttribute> resourceAttributes, IReadOnlyList<SpanRecord> spans)
    {
        if (spans.Count == 0) return 0;
        TelemetryKinds kinds;
        lock (_gate)
        {
            if (Resource(resource, resourceAttributes, spans.Count, out kinds) is not { } data) return 0;
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    trace = new Dictionary<string, SpanRecord>(StringComparer.Ordinal);
                    _traces[span.TraceId] = trace;
                }
                // An exporter that retries after a lost answer sends the same span again: keep one.
                if (!trace.TryAdd(span.SpanId, span)) continue;
                if (data.Spans.Add(span) is { } evicted)
                {
                    data.DroppedSpans++;
                    ForgetSpan(evicted);
                }
            }
        }
        Notify(new TelemetryChange(resource, kinds | TelemetryKinds.Spans));
        return spans.Count;
    }

    /// <summary>Stores log records of one resource; returns how many were accepted.</summary>
    public int AddLogs(ResourceKey resource, IReadOnlyList<TelemetryAttribute> resourceAttributes, IReadOnlyList<LogEntry> logs)
    {
        if (logs.Count == 0) return 0;
        TelemetryKinds kinds;
        lock (_gate)
        {
            if (Resource(resource, resourceAttributes, logs.Count, out kinds) is not { } data) return 0;
            foreach (var log in logs)
            {
                if (data.Logs.Add(log) is not null) data.DroppedLogs++;
            }
        }
        Notify(new TelemetryChange(resource, kinds | TelemetryKinds.Logs));
        return logs.Count;
    }

    /// <summary>
    /// Stores points of one instrument of one resource; returns how many were accepted (none when the
    /// resource or a new instrument past the limit was refused).
    /// </summary>
    public int AddMetricPoints(ResourceKey resource, IReadOnlyList<TelemetryAttribute> resourceAttributes, MetricDescriptor instrument, IReadOnlyList<MetricPoint> points)
    {
        if (points.Count == 0) return 0;
        TelemetryKinds kinds;
        lock (_gate)
        {
            if (Resource(resource, resourceAttributes, points.Count, out kinds) is not { } data) return 0;
            var key = (instrument.Scope, instrument.Name);
            if (!data.Instruments.TryGetValue(key, out var series))
            {
                if (data.Instruments.Count >= Limits.MaxInstrumentsPerResource)
                {
                    data.DroppedMetricPoints += points.Count;
                    return 0;
                }
                series = new InstrumentData(instrument, Limits.MaxPointsPerInstrument);
                data.Instruments[key] = series;
            }
            else
            {
                series.Descriptor = instrument with { Kind = series.Descriptor.Kind };
            }
            foreach (var point in points)
            {
                if (series.Points.Add(point) is not null)
                {
                    series.Dropped++;
                    data.DroppedMetricPoints++;
                }
            }
        }
        Notify(new TelemetryChange(resource, kinds | TelemetryKinds.Metrics));
        return points.Count;
    }

    private ResourceData? Resource(ResourceKey key, IReadOnlyList<TelemetryAttribute> attributes, int items, out TelemetryKinds kinds)
    {
        kinds = TelemetryKinds.None;
        var now = _time.GetUtcNow();
        if (!_resources.TryGetValue(key, out var data))
        {
            if (_resources.Count >= Limits.MaxResources)
            {
                _rejectedResourceItems += items;
                return null;
            }
            data = new ResourceData(key, now, Limits);
            _resources[key] = data;
            kinds = TelemetryKinds.Resources;
        }
        if (attributes.Count > 0) data.Attributes = attributes;
        data.LastSeen = now;
        return data;
    }

    private void ForgetSpan(SpanRecord span)
    {
        if (!_traces.TryGetValue(span.TraceId, out var trace)) return;
        if (trace.TryGetValue(span.SpanId, out var held) && ReferenceEquals(held, span)) trace.Remove(span.SpanId);
        if (trace.Count == 0) _traces.Remove(span.TraceId);
    }

    // ---------------------------------------------------------------- queries

    /// <summary>Every resource that sent telemetry, by service name then instance id.</summary>
    public IReadOnlyList<TelemetryResource> GetResources()
    {
        lock (_gate)
        {
            return _resources.Values
                .Select(r => new TelemetryResource(r.Key, r.Attributes, r.FirstSeen, r.LastSeen, r.Spans.Count, r.Logs.Count,
                    r.Instruments.Count, r.DroppedSpans, r.DroppedLogs, r.DroppedMetricPoints))
                .OrderBy(r => r.Key.ServiceName, StringComparer.Ordinal).ThenBy(r => r.Key.InstanceId, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>One resource's summary, or null when it never sent anything.</summary>
    public TelemetryResource? GetResource(ResourceKey key) => GetResources().FirstOrDefault(r => r.Key == key);

    /// <summary>The traces list, newest first, at most <see cref="TraceQuery.Limit"/> rows.</summary>
    public IReadOnlyList<TraceSummary> GetTraces(TraceQuery? query = null)
    {
        query ??= new TraceQuery();
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        List<SpanRecord[]> matching = [];
        lock (_gate)
        {
            foreach (var (traceId, spans) in _traces)
            {
                if (query.Resource is { } resource && !spans.Values.Any(s => s.Resource == resource)) continue;
                if (text is not null
                    && !traceId.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                    && !spans.Values.Any(s => s.Name.Contains(text, StringComparison.OrdinalIgnoreCase))) continue;
                matching.Add([.. spans.Values]);
            }
        }
        return matching.Select(Summarise)
            .OrderByDescending(t => t.Start)
            .Take(Math.Max(0, query.Limit))
            .ToList();
    }

    /// <summary>Every span the store holds for <paramref name="traceId"/> (any resource), by start time; null if none.</summary>
    public TraceDetail? GetTrace(string traceId)
    {
        SpanRecord[] spans;
        lock (_gate)
        {
            if (!_traces.TryGetValue(traceId.ToLowerInvariant(), out var trace)) return null;
            spans = [.. trace.Values];
        }
        Array.Sort(spans, (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.SpanId, b.SpanId));
        var start = spans[0].Start;
        var end = spans.Max(s => s.End);
        return new TraceDetail(traceId.ToLowerInvariant(), start, end > start ? end - start : TimeSpan.Zero, spans);
    }

    /// <summary>Structured logs matching the query: the newest <see cref="LogQuery.Limit"/>, oldest first.</summary>
    public IReadOnlyList<LogEntry> GetLogs(LogQuery? query = null)
    {
        query ??= new LogQuery();
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var traceId = string.IsNullOrWhiteSpace(query.TraceId) ? null : query.TraceId.Trim().ToLowerInvariant();
        List<LogEntry> matching = [];
        lock (_gate)
        {
            foreach (var data in _resources.Values)
            {
                if (query.Resource is { } resource && data.Key != resource) continue;
                foreach (var log in data.Logs.Items())
                {
                    if (log.SeverityNumber < (int)query.MinimumSeverity) continue;
                    if (traceId is not null && log.TraceId != traceId) continue;
                    if (text is not null && !Matches(log, text)) continue;
                    matching.Add(log);
                }
            }
        }
        // A stable sort keeps each resource's arrival order among equal timestamps.
        var ordered = matching.OrderBy(l => l.Timestamp).ToList();
        var limit = Math.Max(0, query.Limit);
        return ordered.Count <= limit ? ordered : ordered.GetRange(ordered.Count - limit, limit);
    }

    private static bool Matches(LogEntry log, string text) =>
        log.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Scope.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The instruments of one resource, by scope then name.</summary>
    public IReadOnlyList<MetricInstrument> GetInstruments(ResourceKey resource)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resource, out var data)) return [];
            return data.Instruments.Values
                .Select(i => i.Describe(resource))
                .OrderBy(i => i.Scope, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>One instrument with its points, oldest first; <paramref name="scope"/> picks among instruments of the same name.</summary>
    public MetricSeries? GetMetric(ResourceKey resource, string name, string? scope = null)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resource, out var data)) return null;
            var series = data.Instruments.Values
                .Where(i => i.Descriptor.Name == name && (scope is null || i.Descriptor.Scope == scope))
                .OrderBy(i => i.Descriptor.Scope, StringComparer.Ordinal)
                .FirstOrDefault();
            return series is null ? null : new MetricSeries(series.Describe(resource), [.. series.Points.Items()]);
        }
    }

    // ---------------------------------------------------------------- change notification

    /// <summary>
    /// Changes from now on until <paramref name="cancellationToken"/> fires. A slow reader loses the
    /// oldest notifications, never blocks the intake; each one only says what to re-query.
    /// </summary>
    public async IAsyncEnumerable<TelemetryChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<TelemetryChange>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_watchers) _watchers.Add(channel);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var change)) yield return change;
            }
        }
        finally
        {
            lock (_watchers) _watchers.Remove(channel);
        }
    }

    private void Notify(TelemetryChange change)
    {
        lock (_watchers)
        {
            foreach (var watcher in _watchers) watcher.Writer.TryWrite(change);
        }
        Changed?.Invoke(change);
    }

    private static TraceSummary Summarise(SpanRecord[] spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root: a span without a parent, else (its parent not received yet, or dropped) the earliest orphan.
        var root = spans.Where(s => s.ParentSpanId is null).MinBy(s => s.Start)
            ?? spans.Where(s => !ids.Contains(s.ParentSpanId!)).MinBy(s => s.Start)
            ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var resources = spans.Select(s => s.Resource).Distinct()
            .OrderBy(r => r == root.Resource ? 0 : 1).ThenBy(r => r.ServiceName, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal)
            .ToList();
        return new TraceSummary(root.TraceId, start, end > start ? end - start : TimeSpan.Zero, root.Name, root.Resource, resources,
            spans.Length, spans.Any(s => s.Status == SpanStatusCode.Error));
    }

    private sealed class ResourceData(ResourceKey key, DateTimeOffset firstSeen, TelemetryLimits limits)
    {
        public ResourceKey Key { get; } = key;
        public IReadOnlyList<TelemetryAttribute> Attributes { get; set; } = [];
        public DateTimeOffset FirstSeen { get; } = firstSeen;
        public DateTimeOffset LastSeen { get; set; } = firstSeen;
        public BoundedRing<SpanRecord> Spans { get; } = new(limits.MaxSpansPerResource);
        public BoundedRing<LogEntry> Logs { get; } = new(limits.MaxLogsPerResource);
        public Dictionary<(string Scope, string Name), InstrumentData> Instruments { get; } = [];
        public long DroppedSpans { get; set; }
        public long DroppedLogs { get; set; }
        public long DroppedMetricPoints { get; set; }
    }

    private sealed class InstrumentData(MetricDescriptor descriptor, int capacity)
    {
        public MetricDescriptor Descriptor { get; set; } = descriptor;
        public BoundedRing<MetricPoint> Points { get; } = new(capacity);
        public long Dropped { get; set; }

        public MetricInstrument Describe(ResourceKey resource) =>
            new(resource, Descriptor.Scope, Descriptor.Name, Descriptor.Description, Descriptor.Unit, Descriptor.Kind,
                Descriptor.IsMonotonic, Points.Count, Dropped);
    }
}
