using Oversight.Dashboard.Telemetry;

namespace Oversight.UnitTests.Dashboard;

/// <summary>The dashboard's telemetry store: stitching traces across resources, bounds, filters, notifications.</summary>
public sealed class TelemetryStoreTests
{
    private static readonly ResourceKey Complaints = new("complaints", "c1");
    private static readonly ResourceKey Reporting = new("reporting", "r1");
    private static readonly ResourceKey Directory = new("region-directory", "d1");
    private static readonly DateTimeOffset T0 = new(2024, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static SpanRecord Span(ResourceKey resource, string traceId, string spanId, string? parent, string name, int startMs, int endMs,
        SpanKind kind = SpanKind.Internal, SpanStatusCode status = SpanStatusCode.Unset) =>
        new(resource, "test", traceId, spanId, parent, name, kind, T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs), status, null,
            [new TelemetryAttribute("k", "v")], [], []);

    private static LogEntry Log(ResourceKey resource, int second, int severity, string message, string? traceId = null) =>
        new(resource, "test", T0.AddSeconds(second), severity, "", message, null, [], traceId, null);

    private static string TraceId(int i) => i.ToString("x32");

    private static string SpanId(int i) => i.ToString("x16");

    [Fact]
    public void Spans_of_one_trace_from_several_resources_come_back_together_with_their_parents()
    {
        var store = new TelemetryStore();
        var trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        // As they arrive: each service exports its own spans, in its own batch, in no particular order.
        store.AddSpans(Reporting, [], [Span(Reporting, trace, SpanId(4), SpanId(3), "messaging consume ComplaintSubmitted", 40, 60, SpanKind.Consumer)]);
        store.AddSpans(Complaints, [], [
            Span(Complaints, trace, SpanId(1), null, "POST /v1/complaints", 0, 30, SpanKind.Server),
            Span(Complaints, trace, SpanId(3), SpanId(1), "messaging publish ComplaintSubmitted", 20, 25, SpanKind.Producer),
        ]);
        store.AddSpans(Directory, [], [Span(Directory, trace, SpanId(2), SpanId(1), "GetRegion", 5, 15, SpanKind.Server, SpanStatusCode.Error)]);
        store.AddSpans(Directory, [], [Span(Directory, TraceId(2), SpanId(9), null, "other trace", 100, 101)]);

        var detail = store.GetTrace(trace);

        Assert.NotNull(detail);
        Assert.Equal([SpanId(1), SpanId(2), SpanId(3), SpanId(4)], detail.Spans.Select(s => s.SpanId));
        Assert.Equal([null, SpanId(1), SpanId(1), SpanId(3)], detail.Spans.Select(s => s.ParentSpanId));
        Assert.Equal([Complaints, Directory, Complaints, Reporting], detail.Spans.Select(s => s.Resource));
        Assert.Equal(TimeSpan.FromMilliseconds(60), detail.Duration);

        var summary = Assert.Single(store.GetTraces(new TraceQuery(Resource: Reporting)));
        Assert.Equal(trace, summary.TraceId);
        Assert.Equal("POST /v1/complaints", summary.RootName);
        Assert.Equal(Complaints, summary.RootResource);
        Assert.Equal(4, summary.SpanCount);
        Assert.True(summary.HasError);
        Assert.Equal([Complaints, Directory, Reporting], summary.Resources);
        Assert.Equal(2, store.GetTraces().Count);
        Assert.Equal(TraceId(2), Assert.Single(store.GetTraces(new TraceQuery(Text: "other"))).TraceId);
        Assert.Equal(trace, Assert.Single(store.GetTraces(new TraceQuery(Text: trace[..20]))).TraceId);
    }

    [Fact]
    public void A_trace_whose_root_has_not_arrived_is_named_after_its_earliest_orphan()
    {
        var store = new TelemetryStore();
        store.AddSpans(Reporting, [], [
            Span(Reporting, TraceId(1), SpanId(5), SpanId(4), "child", 12, 13),
            Span(Reporting, TraceId(1), SpanId(4), SpanId(1), "consume", 10, 20),
        ]);

        Assert.Equal("consume", Assert.Single(store.GetTraces()).RootName);
    }

    [Fact]
    public void Spans_beyond_the_limit_push_out_the_oldest_and_are_counted()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxSpansPerResource = 100 });
        for (var i = 0; i < 250; i++)
        {
            store.AddSpans(Complaints, [], [Span(Complaints, TraceId(i), SpanId(i), null, $"op {i}", i, i + 1)]);
        }
        store.AddSpans(Reporting, [], [Span(Reporting, TraceId(1000), SpanId(1000), null, "other resource", 0, 1)]);

        var resource = Assert.Single(store.GetResources(), r => r.Key == Complaints);
        Assert.Equal(100, resource.SpanCount);
        Assert.Equal(150, resource.DroppedSpans);
        Assert.True(resource.HasDropped);
        Assert.Null(store.GetTrace(TraceId(149)));                       // dropped, and gone from the trace index
        Assert.NotNull(store.GetTrace(TraceId(150)));
        Assert.Equal(101, store.GetTraces(new TraceQuery(Limit: 1000)).Count);
        Assert.Equal("op 249", store.GetTraces(new TraceQuery(Resource: Complaints, Limit: 1))[0].RootName);
        Assert.Equal(0, store.GetResource(Reporting)!.DroppedSpans);    // the limit is per resource
    }

    [Fact]
    public void A_span_sent_twice_is_kept_once()
    {
        var store = new TelemetryStore();
        var span = Span(Complaints, TraceId(1), SpanId(1), null, "op", 0, 1);
        store.AddSpans(Complaints, [], [span]);
        store.AddSpans(Complaints, [], [span with { }]);

        Assert.Single(store.GetTrace(TraceId(1))!.Spans);
        Assert.Equal(1, store.GetResource(Complaints)!.SpanCount);
    }

    [Fact]
    public void Logs_filter_by_resource_severity_text_and_trace_and_keep_the_newest()
    {
        var store = new TelemetryStore();
        store.AddLogs(Complaints, [], [
            Log(Complaints, 1, 9, "Complaint 7 submitted", TraceId(1)),
            Log(Complaints, 2, 13, "Region directory slow"),
            Log(Complaints, 4, 17, "Outbox publish failed"),
        ]);
        store.AddLogs(Reporting, [], [Log(Reporting, 3, 9, "Counted complaint 7", TraceId(1))]);

        Assert.Equal(["Complaint 7 submitted", "Region directory slow", "Counted complaint 7", "Outbox publish failed"],
            store.GetLogs().Select(l => l.Message));
        Assert.Equal(["Region directory slow", "Outbox publish failed"],
            store.GetLogs(new LogQuery(MinimumSeverity: LogSeverity.Warning)).Select(l => l.Message));
        Assert.Equal(["Counted complaint 7"], store.GetLogs(new LogQuery(Resource: Reporting)).Select(l => l.Message));
        Assert.Equal(["Complaint 7 submitted", "Counted complaint 7"], store.GetLogs(new LogQuery(Text: "COMPLAINT 7")).Select(l => l.Message));
        Assert.Equal(2, store.GetLogs(new LogQuery(TraceId: TraceId(1).ToUpperInvariant())).Count);
        Assert.Equal(["Counted complaint 7", "Outbox publish failed"], store.GetLogs(new LogQuery(Limit: 2)).Select(l => l.Message));
        Assert.Equal(LogSeverity.Warning, store.GetLogs()[1].Severity);
    }

    [Fact]
    public void Logs_beyond_the_limit_push_out_the_oldest_and_are_counted()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxLogsPerResource = 10 });
        store.AddLogs(Complaints, [], [.. Enumerable.Range(0, 25).Select(i => Log(Complaints, i, 9, $"line {i}"))]);

        var logs = store.GetLogs();
        Assert.Equal(10, logs.Count);
        Assert.Equal("line 15", logs[0].Message);
        Assert.Equal(15, store.GetResource(Complaints)!.DroppedLogs);
    }

    [Fact]
    public void Metric_points_are_kept_per_instrument_within_their_limits()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxPointsPerInstrument = 5, MaxInstrumentsPerResource = 2 });
        var duration = new MetricDescriptor("Microsoft.AspNetCore.Hosting", "http.server.request.duration", "Duration", "s", MetricKind.Histogram);
        var requests = new MetricDescriptor("Oversight", "oversight.complaints.submitted", "", "{complaint}", MetricKind.Sum, IsMonotonic: true);
        for (var i = 0; i < 8; i++)
        {
            store.AddMetricPoints(Complaints, [], duration, [new MetricPoint(T0, T0.AddSeconds(i), [], i, (ulong)i, Histogram: new HistogramData([0.1, 1], [0, (ulong)i, 0]))]);
        }
        store.AddMetricPoints(Complaints, [], requests, [new MetricPoint(T0, T0.AddSeconds(1), [new TelemetryAttribute("region", "52.71")], 3)]);
        var refused = store.AddMetricPoints(Complaints, [], requests with { Name = "third.instrument" }, [new MetricPoint(T0, T0, [], 1)]);

        Assert.Equal(0, refused);
        var instruments = store.GetInstruments(Complaints);
        Assert.Equal(["http.server.request.duration", "oversight.complaints.submitted"], instruments.Select(i => i.Name));
        Assert.Equal(5, instruments[0].PointCount);
        Assert.Equal(3, instruments[0].DroppedPoints);
        Assert.True(instruments[1].IsMonotonic);
        var series = store.GetMetric(Complaints, "http.server.request.duration");
        Assert.NotNull(series);
        Assert.Equal([3.0, 4, 5, 6, 7], series.Points.Select(p => p.Value!.Value));
        Assert.Equal(4, store.GetResource(Complaints)!.DroppedMetricPoints); // 3 pushed out + 1 refused instrument
        Assert.Null(store.GetMetric(Complaints, "third.instrument"));
        Assert.Empty(store.GetInstruments(Reporting));
    }

    [Fact]
    public void Resources_past_the_limit_are_refused_and_counted()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxResources = 2 });
        Assert.Equal(1, store.AddLogs(Complaints, [], [Log(Complaints, 0, 9, "a")]));
        Assert.Equal(1, store.AddLogs(Reporting, [new TelemetryAttribute("service.name", "reporting")], [Log(Reporting, 0, 9, "b")]));
        Assert.Equal(0, store.AddLogs(Directory, [], [Log(Directory, 0, 9, "c"), Log(Directory, 1, 9, "d")]));

        Assert.Equal([Complaints, Reporting], store.GetResources().Select(r => r.Key));
        Assert.Equal(2, store.RejectedForResourceLimit);
        Assert.Equal("reporting", Assert.Single(store.GetResource(Reporting)!.Attributes).Value);
    }

    [Fact]
    public async Task Watchers_hear_of_new_telemetry()
    {
        var store = new TelemetryStore();
        var heard = new List<TelemetryChange>();
        store.Changed += heard.Add;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = store.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = watch.MoveNextAsync();   // subscribes

        store.AddSpans(Complaints, [], [Span(Complaints, TraceId(1), SpanId(1), null, "op", 0, 1)]);

        Assert.True(await next);
        Assert.Equal(Complaints, watch.Current.Resource);
        Assert.Equal(TelemetryKinds.Resources | TelemetryKinds.Spans, watch.Current.Kinds);
        store.AddLogs(Complaints, [], [Log(Complaints, 0, 9, "x")]);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(TelemetryKinds.Logs, watch.Current.Kinds);
        Assert.Equal(2, heard.Count);
    }
}
