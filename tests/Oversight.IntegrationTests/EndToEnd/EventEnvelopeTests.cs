using System.Text;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;
using RabbitMQ.Client;
using ComplaintsGrpcClient = Oversight.Contracts.Complaints.Complaints.ComplaintsClient;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// What an integrator binding a queue sees: the exchange docs/events.md names, the event's envelope
/// fields, and the caller's W3C trace context in the message headers and in MassTransit's envelope.
/// </summary>
public sealed class EventEnvelopeTests(SkeletonSystemFixture fixture) : IClassFixture<SkeletonSystemFixture>
{
    private static readonly string Exchange = IntegrationEventTypes.ExchangeOf<ComplaintSubmitted>();

    [Fact]
    public async Task ComplaintSubmitted_reaches_an_integrator_queue_with_envelope_and_trace_context()
    {
        var system = fixture.System;
        var amqp = system.Project(TestSystem.Complaints).Environment["ConnectionStrings__messaging"];
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        // The exchange exists once the relay has published to it; declaring it the way MassTransit does is idempotent.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueBindAsync(queue, Exchange, routingKey: "");

        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var traceparent = $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01";
        var client = new ComplaintsGrpcClient(system.Channel(TestSystem.Complaints));
        var reply = await client.SubmitComplaintAsync(
            Submissions.Laporan("64.03", violationType: 8, description: "Kepala dinas menggelar acara yang menunjukkan keberpihakan."),
            [.. await system.IntakeOfficerHeadersAsync("64"), new Metadata.Entry("traceparent", traceparent)]);

        var message = await Eventually.HoldsAsync(
            async () => await channel.BasicGetAsync(queue, autoAck: true), m => m is not null, TimeSpan.FromSeconds(30), "message on the integrator queue");

        using var body = JsonDocument.Parse(Encoding.UTF8.GetString(message!.Body.Span));
        var evt = body.RootElement.GetProperty("message");
        Assert.Equal(reply.ComplaintId, evt.GetProperty("complaintId").GetString());
        Assert.Equal("64.03", evt.GetProperty("regionCode").GetString());
        Assert.Equal(1, evt.GetProperty("schemaVersion").GetInt32());
        Assert.True(Guid.TryParse(evt.GetProperty("eventId").GetString(), out _));
        Assert.True(evt.TryGetProperty("occurredAt", out _));
        Assert.Equal("laporan", evt.GetProperty("kind").GetString());
        Assert.Equal("registered", evt.GetProperty("status").GetString());
        Assert.Equal(reply.RegistrationNumber, evt.GetProperty("registrationNumber").GetString());
        Assert.Equal("64.03", evt.GetProperty("handlingRegionCode").GetString());

        var headers = message.BasicProperties.Headers!;
        Assert.True(headers.ContainsKey("traceparent"), "traceparent header missing; headers: " + string.Join(", ", headers.Keys));
        var sentTraceparent = Encoding.UTF8.GetString((byte[])headers["traceparent"]!);
        Assert.Equal(traceId, sentTraceparent.Split('-')[1]);
        // docs/events.md: MassTransit's envelope repeats it in its own headers.
        Assert.Equal(sentTraceparent, body.RootElement.GetProperty("headers").GetProperty("traceparent").GetString());
    }
}
