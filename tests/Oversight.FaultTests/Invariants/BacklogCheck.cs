using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Oversight.Testing;

namespace Oversight.FaultTests.Invariants;

/// <summary>What is still waiting: unpublished outbox rows of the complaints service, and messages in the system's queues
/// (ready or unacknowledged), with those in MassTransit's _error queues counted apart (a dead-lettered event).</summary>
public sealed record Backlog(long Unpublished, long Queued, long DeadLettered, IReadOnlyList<string> DeadLetterReasons)
{
    // Queue depths come from the broker's statistics, refreshed every few seconds: shown, not waited for (the
    // reporting and notification checks already prove that the consumers caught up).
    public bool Drained => Unpublished == 0 && DeadLettered == 0;

    public static async Task<Backlog> ReadAsync(string complaintsDatabase, TestServers servers, string messagingConnectionString)
    {
        long unpublished;
        await using (var db = new NpgsqlConnection(complaintsDatabase))
        {
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", db);
            unpublished = (long)(await count.ExecuteScalarAsync())!;
        }
        var vhost = Uri.UnescapeDataString(new Uri(messagingConnectionString).AbsolutePath.TrimStart('/'));
        using var http = servers.RabbitMQ.CreateManagementClient();
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(vhost)}");
        long queued = 0, dead = 0;
        var reasons = new List<string>();
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString()!;
            var messages = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
            if (name.EndsWith("_error", StringComparison.Ordinal))
            {
                dead += messages;
                if (messages > 0) reasons.AddRange(await FaultReasonsAsync(http, vhost, name));
            }
            else if (!name.EndsWith("_skipped", StringComparison.Ordinal)) queued += messages;
        }
        return new Backlog(unpublished, queued, dead, reasons);
    }

    // Why MassTransit gave up on a few of them: its fault headers, read without taking the messages off the queue.
    private static async Task<IEnumerable<string>> FaultReasonsAsync(HttpClient http, string vhost, string queue)
    {
        using var response = await http.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/get",
            new { count = 3, ackmode = "ack_requeue_true", encoding = "auto", truncate = 200 });
        if (!response.IsSuccessStatusCode) return [$"{queue}: ({(int)response.StatusCode})"];
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return messages.EnumerateArray().Select(message =>
        {
            var headers = message.GetProperty("properties").TryGetProperty("headers", out var h) ? h : default;
            string Header(string key) => headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(key, out var v) ? v.ToString() : "?";
            return $"{queue}: {Header("MT-Fault-ExceptionType")}: {Header("MT-Fault-Message")}";
        }).ToList();
    }
}
