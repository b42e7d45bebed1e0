using System.Text.Json;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// The lifecycle and access-control test classes, on one system: each works on complaints of its own and reads only
/// those, so they need no system each.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ComplaintsSystemCollection : ICollectionFixture<ComplaintsSystemFixture>
{
    public const string Name = "ComplaintsSystem";
}

/// <summary>The directory and the complaints service, with the AppHost's settings.</summary>
public sealed class ComplaintsSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, TestSystem.Complaints);

    public async ValueTask DisposeAsync()
    {
        if (System is not null) await System.DisposeAsync();
    }
}

/// <summary>Office clients of one role and region scope ("" = national, BKN), registered by the test admin, as gRPC headers.</summary>
internal static class OfficeTokens
{
    public static Task<Metadata> OfficeHeadersAsync(this TestSystem system, string role, string regionCode) =>
        system.OfficeClientHeadersAsync($"{role} {(regionCode.Length == 0 ? "national" : regionCode)}", regionCode, role);

    public static async Task<string> OfficeTokenAsync(this TestSystem system, string role, string regionCode) =>
        (await system.OfficeHeadersAsync(role, regionCode)).Get("Authorization")!.Value["Bearer ".Length..];
}

/// <summary>One complaint event as read from a test queue: the exchange it came through and its message.</summary>
internal sealed record ComplaintEvent(string Type, JsonElement Message)
{
    public string ComplaintId => Message.GetProperty("complaintId").GetString()!;
    public int Version => Message.GetProperty("state").GetProperty("version").GetInt32();
    public string Status => Message.GetProperty("state").GetProperty("status").GetString()!;
}

/// <summary>A test's own queue bound to every complaint event exchange (the harness's <see cref="EventListener"/>), read in arrival order.</summary>
internal sealed class ComplaintEventQueue(EventListener listener) : IAsyncDisposable
{
    private static readonly Type[] Types = [.. IntegrationEventTypes.All.Where(type => type.IsSubclassOf(typeof(ComplaintChange)))];

    public static async Task<ComplaintEventQueue> BindAsync(TestSystem system) =>
        new(await EventListener.ListenAsync(system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"), Types));

    /// <summary>Waits until <paramref name="count"/> events of the complaint arrived; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<ComplaintEvent>> WaitForAsync(string complaintId, int count) =>
        [.. (await listener.WaitForAsync(e => e.ComplaintId == complaintId, count, TimeSpan.FromSeconds(30), $"{count} events of complaint {complaintId}"))
            .Select(e => new ComplaintEvent(e.Type, e.Message))];

    public ValueTask DisposeAsync() => listener.DisposeAsync();
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
