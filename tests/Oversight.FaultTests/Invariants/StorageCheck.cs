using Npgsql;
using Oversight.FaultTests.Load;

namespace Oversight.FaultTests.Invariants;

/// <summary>
/// The Jepsen-style count of intake: every acknowledged submission against the complaints table, by idempotency key.
/// lost = OK'd but not stored (or stored under another complaint id); duplicated = one key stored more than once;
/// unacknowledged = stored but never OK'd (allowed: the desk gave up or its answer was lost in the fault).
/// </summary>
public sealed record StorageCount(int Acknowledged, int Stored, int Lost, int Duplicated, int Unacknowledged)
{
    public bool Holds => Lost == 0 && Duplicated == 0;

    public static async Task<StorageCount> ReadAsync(string complaintsDatabase, IReadOnlyCollection<AcknowledgedSubmission> acknowledged)
    {
        var stored = new Dictionary<string, List<Guid>>();
        await using (var db = new NpgsqlConnection(complaintsDatabase))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT idempotency_key, id FROM complaints WHERE idempotency_key LIKE 'fault-%'", db);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = reader.GetString(0);
                if (!stored.TryGetValue(key, out var ids)) stored[key] = ids = [];
                ids.Add(reader.GetGuid(1));
            }
        }
        var acknowledgedKeys = acknowledged.Select(a => a.IdempotencyKey).ToHashSet();
        var lost = acknowledged.Count(a => !stored.TryGetValue(a.IdempotencyKey, out var ids) || !ids.Contains(Guid.Parse(a.ComplaintId)));
        var duplicated = stored.Values.Sum(ids => ids.Count - 1);
        var unacknowledged = stored.Keys.Count(k => !acknowledgedKeys.Contains(k));
        return new StorageCount(acknowledged.Count, stored.Values.Sum(ids => ids.Count), lost, duplicated, unacknowledged);
    }
}
