using System.Text.Json;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// Two complaints instances on one database announce each deadline once: approaching while it is near,
/// missed once it has passed (and then never "approaching"), nothing for closed or distant ones, and
/// nothing again after a crash and restart. Every message has the fields docs/events.md lists.
/// </summary>
public sealed class DeadlineSchedulerTests(TestServers servers)
{
    [Fact]
    public async Task Two_instances_raise_each_deadline_event_exactly_once_across_a_crash()
    {
        // The AppHost's complaints service, in two replicas on one database.
        await using var system = await TestSystem.StartAsync(servers, new TestSystemOptions
        {
            Services = [TestSystem.Complaints],
            Environment = new Dictionary<string, string> { ["complaints:Complaints__Deadlines__PollInterval"] = "00:00:01" },
            Arguments = ["--replicas", "complaints=2"],
        });
        var complaints = system.Project(TestSystem.Complaints);
        Assert.Equal(2, complaints.InstanceIds.Count);
        var database = system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb");
        var virtualHost = system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging");
        await using var events = await EventListener.ListenAsync(virtualHost, [typeof(DeadlineApproaching), typeof(DeadlineMissed)]);

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

        await events.WaitForAsync(all => all.Count >= 20, TimeSpan.FromSeconds(60), "20 deadline events");
        // Two more passes of each instance: nothing else may come.
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Crash one instance: after its restart nothing is raised again.
        var first = complaints.InstanceIds[0];
        var pid = complaints.PidOf(first);
        await complaints.CrashAndRestartAsync(TimeSpan.FromSeconds(60), first);
        Assert.NotEqual(pid, complaints.PidOf(first));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = events.Received.Select(Documented).ToList();

        Assert.Equal(approaching.Order(), received.Where(r => r.Type == "DeadlineApproaching").Select(r => r.DeadlineId).Order());
        Assert.Equal(missed.Order(), received.Where(r => r.Type == "DeadlineMissed").Select(r => r.DeadlineId).Order());
        Assert.Equal(20, received.Count);
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

    // The event as MassTransit typed it (its URNs, most specific first: "urn:message:Ns:DeadlineMissed"), with the
    // fields docs/events.md lists.
    private static (string Type, Guid DeadlineId) Documented(ReceivedEvent received)
    {
        var type = received.Envelope.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
        EventDocs.AssertDocumented(type, received.Message, complaintEvent: false);
        return (type, Guid.Parse(received.Message.GetProperty("deadlineId").GetString()!));
    }
}
