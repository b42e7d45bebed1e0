using System.Text;
using System.Text.Json;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;
using RabbitMQ.Client;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>The directory and the complaints service, started once for the lifecycle tests.</summary>
public sealed class LifecycleSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, TestSystem.Complaints);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

/// <summary>Office clients of one role and region scope ("" = national, BKN), registered by the test admin, as gRPC headers.</summary>
internal static class OfficeTokens
{
    public static async Task<Metadata> OfficeHeadersAsync(this TestSystem system, string role, string regionCode)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(system.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"{role} {(regionCode.Length == 0 ? "national" : regionCode)}",
            RegionCode = regionCode,
            Roles = { role },
        }, await system.AdminHeadersAsync());
        return TestSystem.Bearer(await system.TokenAsync(client.Client.ClientId, client.ClientSecret));
    }

    public static async Task<string> OfficeTokenAsync(this TestSystem system, string role, string regionCode) =>
        (await system.OfficeHeadersAsync(role, regionCode)).Get("Authorization")!.Value["Bearer ".Length..];
}

/// <summary>One complaint event as read from a test queue: the exchange it came through and its message.</summary>
internal sealed record ReceivedEvent(string Type, JsonElement Message)
{
    public string ComplaintId => Message.GetProperty("complaintId").GetString()!;
    public int Version => Message.GetProperty("state").GetProperty("version").GetInt32();
    public string Status => Message.GetProperty("state").GetProperty("status").GetString()!;
}

/// <summary>A test's own queue bound to every complaint event exchange, read in arrival order.</summary>
internal sealed class ComplaintEventQueue : IAsyncDisposable
{
    private static readonly Type[] Types = [.. IntegrationEventTypes.All.Where(type => type.IsSubclassOf(typeof(ComplaintChange)))];

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly List<ReceivedEvent> _received = [];

    private ComplaintEventQueue(IConnection connection, IChannel channel, string queue) => (_connection, _channel, _queue) = (connection, channel, queue);

    public static async Task<ComplaintEventQueue> BindAsync(TestSystem system)
    {
        var amqp = system.Project(TestSystem.Complaints).Environment["ConnectionStrings__messaging"];
        var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        foreach (var type in Types)
        {
            await channel.ExchangeDeclareAsync(IntegrationEventTypes.ExchangeOf(type), ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, IntegrationEventTypes.ExchangeOf(type), routingKey: "");
        }
        return new ComplaintEventQueue(connection, channel, queue);
    }

    /// <summary>Waits until <paramref name="count"/> events of the complaint arrived; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(string complaintId, int count)
    {
        await Eventually.HoldsAsync(async () =>
        {
            while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } message)
            {
                using var body = JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span));
                _received.Add(new ReceivedEvent(message.Exchange[IntegrationEventTypes.ExchangePrefix.Length..], body.RootElement.GetProperty("message").Clone()));
            }
            return _received.Count(e => e.ComplaintId == complaintId);
        }, n => n >= count, TimeSpan.FromSeconds(30), $"{count} events of complaint {complaintId}");
        return [.. _received.Where(e => e.ComplaintId == complaintId)];
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

internal static class LifecycleDatabase
{
    /// <summary>The complaint's audit entries' actions, in order.</summary>
    public static async Task<IReadOnlyList<string>> AuditActionsAsync(this TestSystem system, string complaintId)
    {
        await using var db = new NpgsqlConnection(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT action || ':' || coalesce(details->>'step', '') FROM audit_entries WHERE complaint_id = $1 ORDER BY id", db)
        {
            Parameters = { new() { Value = Guid.Parse(complaintId) } },
        };
        var actions = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }
        return actions;
    }

    /// <summary>Moves the complaint's verification back by <paramref name="by"/>, as if that time had passed since BKN confirmed.</summary>
    public static async Task MoveVerificationBackAsync(this TestSystem system, string complaintId, TimeSpan by)
    {
        await using var db = new NpgsqlConnection(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE complaints SET verified_at = verified_at - $2 WHERE id = $1 AND verified_at IS NOT NULL", db)
        {
            Parameters = { new() { Value = Guid.Parse(complaintId) }, new() { Value = by } },
        };
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>The complaint's open deadlines' kinds.</summary>
    public static async Task<IReadOnlyList<string>> OpenDeadlinesAsync(this TestSystem system, string complaintId)
    {
        await using var db = new NpgsqlConnection(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT kind FROM complaint_deadlines WHERE complaint_id = $1 AND closed_at IS NULL ORDER BY kind", db)
        {
            Parameters = { new() { Value = Guid.Parse(complaintId) } },
        };
        var kinds = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            kinds.Add(reader.GetString(0));
        }
        return kinds;
    }
}
