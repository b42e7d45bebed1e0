using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using RabbitMQ.Client;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>This collection stops the test run's shared RabbitMQ, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(BrokerOutage), DisableParallelization = true)]
public sealed class BrokerOutage;

/// <summary>
/// A broker outage loses no event: intake answers from the database alone (events wait in the outbox), and once
/// RabbitMQ is back the relay delivers every event, each once, to a queue that was bound before the outage.
/// </summary>
[Collection(nameof(BrokerOutage))]
public sealed class OutageTests(TestServers servers)
{
    private const int Submitted = 200;

    // Bounded: the system's start, 200 submissions and the broker's restart fit well within five minutes.
    [Fact(Timeout = 300_000)]
    public async Task Two_hundred_complaints_taken_in_while_RabbitMQ_is_down_all_arrive_once_it_is_back()
    {
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeLimit.CancelAfter(TimeSpan.FromMinutes(3));
        await using var system = await TestSystem.StartAsync(servers, TestSystem.Complaints);
        var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        // Three offices, so the registrations do not all queue on one office's number counter.
        string[] regions = ["52.71", "64.03", "74.71"];
        var desks = new Dictionary<string, Grpc.Core.Metadata>();
        foreach (var region in regions)
        {
            desks[region] = await system.IntakeOfficerHeadersAsync(region);
        }
        var amqp = new ConnectionFactory { Uri = new Uri(system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging")) };

        // A durable queue, bound before the outage: it and its binding survive the broker's restart (an EventListener's
        // queue would not: it lives only as long as its connection).
        var queue = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await amqp.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await EventListener.BindAsync(channel, queue, [typeof(ComplaintSubmitted)]);
        }
        // The relay works before the outage: one complaint's event arrives.
        var before = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71"), desks["52.71"]);
        var counts = new Dictionary<string, int>();
        await Eventually.HoldsAsync(() => DrainAsync(amqp, queue, counts), c => c.ContainsKey(before.ComplaintId), TimeSpan.FromSeconds(30), "the event before the outage");

        var ids = new List<string>();
        await servers.RabbitMQ.StopProcessAsync();
        try
        {
            // Four desks' worth of concurrency; every submission must answer OK with the broker down.
            var gate = new SemaphoreSlim(4);
            var submissions = Enumerable.Range(0, Submitted).Select(async i =>
            {
                await gate.WaitAsync(timeLimit.Token);
                try
                {
                    var region = regions[i % regions.Length];
                    var reply = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan(region) with { ViolationType = 1 + i % 12 }, desks[region], cancellationToken: timeLimit.Token);
                    Assert.Equal("registered", reply.Status);
                    return reply.ComplaintId;
                }
                finally
                {
                    gate.Release();
                }
            });
            ids.AddRange(await Task.WhenAll(submissions));
            // They wait in the outbox: proof the broker really was down for them (two events each: submitted, registered).
            Assert.True(await UnpublishedAsync(system) >= 2 * Submitted, "events of the outage should wait in the outbox");
        }
        finally
        {
            // Other tests share this broker: bring it back whatever happened above.
            await servers.RabbitMQ.StartProcessAsync(TimeSpan.FromMinutes(2));
        }
        Assert.Equal(Submitted, ids.Distinct().Count());

        // 240 s: alone this takes well under a minute, but in the full suite on two cores other tests' systems share
        // the restarted broker and the CPU (one fresh-clone run of 2026-11-23 missed 120 s; cause not yet found).
        try
        {
            await Eventually.HoldsAsync(() => DrainAsync(amqp, queue, counts), c => ids.All(c.ContainsKey),
                TimeSpan.FromSeconds(240), $"all {Submitted} ComplaintSubmitted events after the outage");
        }
        catch (TimeoutException)
        {
            // What the relay said meanwhile is the clue to why it did not catch up.
            var output = TestContext.Current.TestOutputHelper!;
            output.WriteLine($"{ids.Count(counts.ContainsKey)} of {Submitted} arrived; {await UnpublishedAsync(system)} events unpublished.");
            foreach (var line in system.Project(TestSystem.Complaints).ConsoleSnapshot().TakeLast(80)) output.WriteLine(line.Text);
            throw;
        }
        // A moment more for any duplicate still on its way.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await DrainAsync(amqp, queue, counts);

        Assert.All(ids, id => Assert.Equal(1, counts[id]));
        Assert.Equal(1, counts[before.ComplaintId]);
        Assert.Equal(Submitted + 1, counts.Count);
    }

    private static async Task<long> UnpublishedAsync(TestSystem system)
    {
        await using var db = new NpgsqlConnection(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    // Reads everything waiting on the queue into counts by complaint id; a fresh connection each time, since the
    // broker's restart closes any older one.
    private static async Task<Dictionary<string, int>> DrainAsync(ConnectionFactory amqp, string queue, Dictionary<string, int> counts)
    {
        try
        {
            await using var connection = await amqp.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                var id = ReceivedEvent.From(message).ComplaintId!;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            // Not back yet: the caller polls again.
        }
        return counts;
    }
}
