using Npgsql;
using Oversight.Testing;

namespace Oversight.FaultTests.Invariants;

/// <summary>
/// "Exactly once per recipient" for the suite's national webhook subscription: every ComplaintSubmitted event the
/// complaints service wrote to its outbox must reach the receiver, each event id once (a second successful call with
/// the same event id is a duplicate), and the notifications deliveries table must hold one sent webhook row per event.
/// </summary>
public sealed record NotificationCount(int Expected, int Received, int Missing, int Duplicated, int DeliveriesSent, int DeliveriesNotSent)
{
    public bool Complete => Missing == 0 && DeliveriesSent == Expected && DeliveriesNotSent == 0;

    public bool Holds => Complete && Duplicated == 0;

    public static async Task<NotificationCount> ReadAsync(string complaintsDatabase, string notificationsDatabase, WebhookTestReceiver webhooks, string path)
    {
        var expected = new HashSet<string>();
        await using (var db = new NpgsqlConnection(complaintsDatabase))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT event_id FROM outbox_messages WHERE event_type = 'ComplaintSubmitted'", db);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add(reader.GetGuid(0).ToString());
        }
        var successes = webhooks.CallsTo(path).Where(c => c.AnsweredStatus is >= 200 and < 300)
            .GroupBy(c => c.Headers.TryGetValue("X-Oversight-Event-Id", out var id) ? id : "(none)")
            .ToDictionary(g => g.Key, g => g.Count());

        int sent, notSent;
        await using (var db = new NpgsqlConnection(notificationsDatabase))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status <> 'sent') FROM deliveries WHERE channel = 'webhook'", db);
            await using var reader = await query.ExecuteReaderAsync();
            await reader.ReadAsync();
            (sent, notSent) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }
        return new NotificationCount(expected.Count, successes.Count, expected.Count(id => !successes.ContainsKey(id)),
            successes.Values.Sum(n => n - 1), sent, notSent);
    }
}
