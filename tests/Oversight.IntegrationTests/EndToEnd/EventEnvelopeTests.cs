using System.Text;
using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// What an integrator binding a queue sees: the exchange docs/events.md names, the event's envelope
/// fields, and the caller's W3C trace context in the message headers and in MassTransit's envelope.
/// </summary>
[Collection(SkeletonCollection.Name)]
public sealed class EventEnvelopeTests(SkeletonSystemFixture fixture)
{
    [Fact]
    public async Task ComplaintSubmitted_reaches_an_integrator_queue_with_envelope_and_trace_context()
    {
        var system = fixture.System;
        var amqp = system.Project(TestSystem.Complaints).Environment["ConnectionStrings__messaging"];
        await using var events = await EventListener.ListenAsync<ComplaintSubmitted>(amqp);

        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var traceparent = $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01";
        var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var reply = await client.SubmitComplaintAsync(
            ComplaintSubmission.Laporan("64.03") with { ViolationType = 8, Description = "Kepala dinas menggelar acara yang menunjukkan keberpihakan." },
            [.. await system.IntakeOfficerHeadersAsync("64"), new Metadata.Entry("traceparent", traceparent)]);

        var message = await events.NextAsync(TimeSpan.FromSeconds(30), "message on the integrator queue");

        var evt = message.Message;
        Assert.Equal(reply.ComplaintId, evt.GetProperty("complaintId").GetString());
        Assert.Equal("64.03", evt.GetProperty("regionCode").GetString());
        Assert.Equal(1, evt.GetProperty("schemaVersion").GetInt32());
        Assert.True(Guid.TryParse(evt.GetProperty("eventId").GetString(), out _));
        Assert.True(evt.TryGetProperty("occurredAt", out _));
        Assert.Equal("laporan", evt.GetProperty("kind").GetString());
        Assert.Equal("registered", evt.GetProperty("status").GetString());
        Assert.Equal(reply.RegistrationNumber, evt.GetProperty("registrationNumber").GetString());
        Assert.Equal("64.03", evt.GetProperty("handlingRegionCode").GetString());

        var headers = message.Headers;
        Assert.True(headers.ContainsKey("traceparent"), "traceparent header missing; headers: " + string.Join(", ", headers.Keys));
        var sentTraceparent = Encoding.UTF8.GetString((byte[])headers["traceparent"]!);
        Assert.Equal(traceId, sentTraceparent.Split('-')[1]);
        // docs/events.md: MassTransit's envelope repeats it in its own headers.
        Assert.Equal(sentTraceparent, message.Envelope.GetProperty("headers").GetProperty("traceparent").GetString());
    }
}
