using Oversight.Testing;

namespace Oversight.IntegrationTests.Dashboard;

/// <summary>
/// One complaint, one trace: the complaints service's gRPC server span, the outbox relay's publish (seconds later,
/// in a background service, continuing the W3C context stored with the outbox row), RabbitMQ, and the consumers in
/// reporting and notifications, stitched by parent links, as the dashboard's trace API returns it.
/// </summary>
[Collection(TracedSystemCollection.Name)]
public sealed class TraceStitchingTests(TracedSystemFixture fixture)
{
    [Fact]
    public async Task A_submitted_complaint_is_one_trace_from_the_grpc_call_through_the_outbox_into_reporting_and_notifications()
    {
        using var dashboard = await fixture.SignedInDashboardAsync();
        var since = DateTimeOffset.UtcNow;
        await fixture.SubmitAsync("52.71", "Trace stitching: kepala desa mengarahkan warga memilih pasangan calon.");

        // Each process exports in its own batches: wait until both consumers' spans and every parent have arrived.
        var trace = await TracedSystemFixture.SubmitComplaintTraceAsync(dashboard, since, t =>
            ConsumerSpans(t, TestSystem.Reporting).Any() && ConsumerSpans(t, TestSystem.Notifications).Any()
            && t.Spans.Count(s => t.Parent(s) is null) == 1);

        TestContext.Current.TestOutputHelper?.WriteLine(trace.ToString());

        // The root: the complaints service's gRPC server span (the test's client sends no trace context).
        var server = Assert.Single(trace.Spans, s => s.Resource == TestSystem.Complaints && s.Kind == "Server" && s.Name.Contains("SubmitComplaint"));
        Assert.True(string.IsNullOrEmpty(server.ParentSpanId), $"the server span is the root: {trace}");

        // The relay's publish continues the request's trace although it runs later, elsewhere in the process.
        var publish = Assert.Single(trace.Spans, s => s.Resource == TestSystem.Complaints && s.Kind == "Producer" && s.Name == "outbox publish ComplaintSubmitted");
        Assert.Contains(server, trace.Ancestry(publish));

        foreach (var consumer in new[] { TestSystem.Reporting, TestSystem.Notifications })
        {
            // The consumer's receive span: its parent is the publish, or the send span MassTransit made under it.
            var consume = ConsumerSpans(trace, consumer).First();
            var parent = trace.Parent(consume);
            Assert.True(parent is not null, $"{consumer}'s consume span has its parent in the trace: {trace}");
            Assert.True(parent == publish || (parent!.Resource == TestSystem.Complaints && parent.Kind == "Producer" && trace.Parent(parent) == publish),
                $"{consumer}'s consume span continues the outbox publish: {trace}");
            Assert.Equal(server, trace.Ancestry(consume).Last());
        }

        // Every span but the root has its parent in this trace: nothing dangles, nothing started a trace of its own.
        Assert.All(trace.Spans.Where(s => s != server), s => Assert.True(trace.Parent(s) is not null, $"{s} has its parent in the trace: {trace}"));
    }

    // The complaint events' consumers; the consenting reporter's private status notice is published and consumed in
    // the same trace, under its own publish span.
    private static IEnumerable<SpanJson> ConsumerSpans(TraceJson trace, string service) =>
        trace.Spans.Where(s => s.Resource == service && s.Kind == "Consumer"
            && !trace.Ancestry(s).Any(a => a.Name == "outbox publish ReporterStatusNotice"));
}
