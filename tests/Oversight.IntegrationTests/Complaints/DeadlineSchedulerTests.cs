using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using System.Text;
using System.Text.Json;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using RabbitMQ.Client;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// Two complaints instances on one database announce each deadline once: approaching while it is near,
/// missed once it has passed (and then never "approaching"), nothing for closed or distant ones, and
/// nothing again after a crash and restart. Every message has the fields docs/events.md lists.
/// </summary>
public sealed class DeadlineSchedulerTests(TestServers servers)
{
    private static readonly string[] Exchanges =
    [
        IntegrationEventTypes.ExchangeOf<DeadlineApproaching>(),
        IntegrationEventTypes.ExchangeOf<DeadlineMissed>(),
    ];

    [Fact]
    public async Task Two_instances_raise_each_deadline_event_exactly_once_across_a_crash()
    {
        // The AppHost's complaints service, in two replicas (Aspire's WithReplicas) on one database.
        await using var system = await TestSystem.StartAsync(servers, new TestSystemOptions
        {
            Services = [TestSystem.Complaints],
            Environment = new Dictionary<string, string> { ["complaints:Complaints__Deadlines__PollInterval"] = "00:00:01" },
            Configure = builder => builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == TestSystem.Complaints)).WithReplicas(2),
        });
        var complaints = system.Project(TestSystem.Complaints);
        Assert.Equal(2, complaints.InstanceIds.Count);
        var database = system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb");
        var virtualHost = system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging");
        await using var rabbit = await new ConnectionFactory { Uri = new Uri(virtualHost) }.CreateConnectionAsync();
        await using var channel = await rabbit.CreateChannelAsync();
        var queue = await BindQueueAsync(channel);

        var now = DateTimeOffset.UtcNow;
        var approaching = new List<Guid>();
        var missed = new List<Guid>();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            for (var i = 0; i < 10; i++)
            {
                approaching.Add(await InsertDeadlineAsync(connection, due: now.AddHours(1), warnFrom: now.AddMinutes(-1)));
                missed.Add(await InsertDeadlineAsync(connection, due: now.AddMinutes(-1), warnFrom: now.AddDays(-1)));
            }
            await InsertDeadlineAsync(connection, due: now.AddMinutes(-1), warnFrom: now.AddDays(-1), closed: true);
            await InsertDeadlineAsync(connection, due: now.AddDays(2), warnFrom: now.AddDays(1));
        }

        var received = await ReceiveAsync(channel, queue, expected: 20, within: TimeSpan.FromSeconds(60));
        // Two more passes of each instance: nothing else may come.
        await Task.Delay(TimeSpan.FromSeconds(3));
        received.AddRange(await DrainAsync(channel, queue));

        // Crash one instance: after its restart nothing is raised again.
        var first = complaints.InstanceIds[0];
        var pid = complaints.PidOf(first);
        await complaints.CrashAndRestartAsync(TimeSpan.FromSeconds(60), first);
        Assert.NotEqual(pid, complaints.PidOf(first));
        await Task.Delay(TimeSpan.FromSeconds(3));
        received.AddRange(await DrainAsync(channel, queue));

        Assert.Equal(approaching.Order(), received.Where(r => r.Type == "DeadlineApproaching").Select(r => r.DeadlineId).Order());
        Assert.Equal(missed.Order(), received.Where(r => r.Type == "DeadlineMissed").Select(r => r.DeadlineId).Order());
        Assert.Equal(20, received.Count);
    }

    private static async Task<string> BindQueueAsync(IChannel channel)
    {
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        foreach (var exchange in Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        }
        return queue;
    }

    // A complaint row (the deadline refers to it) and one deadline of it; returns the deadline's id.
    private static async Task<Guid> InsertDeadlineAsync(NpgsqlConnection connection, DateTimeOffset due, DateTimeOffset warnFrom, bool closed = false)
    {
        var complaintId = Guid.NewGuid();
        var deadlineId = Guid.NewGuid();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO complaints (id, region_code, violation_type, description, handling_office, status, received_at)
                    VALUES ($1, '52.71', 8, 'deadline test', 'Bawaslu Kota Mataram', 'under_review', now())
                    """) { Parameters = { new() { Value = complaintId } } },
                new NpgsqlBatchCommand("""
                    INSERT INTO complaint_deadlines (id, complaint_id, kind, owner, region_code, due_at, approaching_at, closed_at)
                    VALUES ($1, $2, 'review', 'bawaslu', '52.71', $3, $4, CASE WHEN $5 THEN now() END)
                    """) { Parameters = { new() { Value = deadlineId }, new() { Value = complaintId }, new() { Value = due }, new() { Value = warnFrom }, new() { Value = closed } } },
            },
        };
        await batch.ExecuteNonQueryAsync();
        return deadlineId;
    }

    private static async Task<List<(string Type, Guid DeadlineId)>> ReceiveAsync(IChannel channel, string queue, int expected, TimeSpan within)
    {
        var received = new List<(string, Guid)>();
        var deadline = DateTime.UtcNow + within;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var batch = await DrainAsync(channel, queue);
            received.AddRange(batch);
            if (batch.Count == 0) await Task.Delay(200);
        }
        return received;
    }

    private static async Task<List<(string Type, Guid DeadlineId)>> DrainAsync(IChannel channel, string queue)
    {
        var drained = new List<(string, Guid)>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            var root = JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span)).RootElement;
            // MassTransit lists the message's types as URNs, most specific first: "urn:message:Ns:DeadlineMissed".
            var type = root.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
            EventDocs.AssertDocumented(type, root.GetProperty("message"), complaintEvent: false);
            drained.Add((type, Guid.Parse(root.GetProperty("message").GetProperty("deadlineId").GetString()!)));
        }
        return drained;
    }
}
