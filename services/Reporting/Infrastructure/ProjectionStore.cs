using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>What happened to a snapshot handed to the read model.</summary>
public enum ApplyOutcome { Applied, NotNewer }

/// <summary>
/// Writes complaint snapshots into the read model: the highest version wins. The old snapshot's contribution
/// is read, diffed against the new one, and the diff applied by one Lua script that first checks the stored
/// version is still the one read (otherwise another consumer got there first and we read again).
/// </summary>
public sealed class ProjectionStore(IConnectionMultiplexer redis, IOptions<ReportingOptions> options)
{
    private const string ApplyScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
        if current >= tonumber(ARGV[3]) then return 0 end
        if current ~= tonumber(ARGV[2]) then return -1 end
        local p, id = ARGV[1], ARGV[6]
        local function split(s)
          local out, start = {}, 1
          while true do
            local i = string.find(s, '\t', start, true)
            if not i then out[#out + 1] = string.sub(s, start) return out end
            out[#out + 1] = string.sub(s, start, i - 1)
            start = i + 1
          end
        end
        for line in string.gmatch(ARGV[7], '[^\n]+') do
          local f = split(line)
          if f[1] == 'h' then
            if redis.call('HINCRBY', p .. f[2], f[3], tonumber(f[4])) == 0 then redis.call('HDEL', p .. f[2], f[3]) end
          elseif f[1] == 'z' then redis.call('ZADD', p .. f[2], f[3], id)
          elseif f[1] == 'r' then redis.call('ZREM', p .. f[2], id)
          elseif f[1] == 's' then redis.call('SADD', p .. f[2], f[3]) end
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[3], 'contribution', ARGV[4], 'state', ARGV[5])
        redis.call('INCR', KEYS[2])
        redis.call('PUBLISH', KEYS[3], ARGV[1])
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Prefix => options.Value.KeyPrefix;

    /// <summary>The pointer to the generation the live read model is in (absent: generation 0).</summary>
    public RedisKey GenerationKey => new(Prefix + "generation");

    /// <summary>The generation a rebuild is writing, while it runs.</summary>
    public RedisKey BuildingKey => new(Prefix + "building");

    public string KeyspaceOf(long generation) => $"{Prefix}g{generation}:";

    /// <summary>The live generation and its keyspace.</summary>
    public async Task<(long Generation, string Keyspace)> LiveAsync()
    {
        var value = await redis.GetDatabase().StringGetAsync(GenerationKey);
        var generation = value.IsNull ? 0 : (long)value;
        return (generation, KeyspaceOf(generation));
    }

    /// <summary>The pub/sub channel that hears of every applied change.</summary>
    public RedisChannel ChangesChannel => RedisChannel.Literal(Prefix + "changes");

    /// <summary>
    /// Applies a live event to the live generation and, while a rebuild runs, to the generation being built
    /// too, so that the rebuilt read model misses no change made after the export read the complaint.
    /// </summary>
    public async Task<ApplyOutcome> ApplyLiveAsync(Guid complaintId, ComplaintState state)
    {
        var pointers = await redis.GetDatabase().StringGetAsync([GenerationKey, BuildingKey]);
        var live = pointers[0].IsNull ? 0 : (long)pointers[0];
        if (!pointers[1].IsNull) await ApplyAsync(complaintId, state, KeyspaceOf((long)pointers[1]));
        return await ApplyAsync(complaintId, state, KeyspaceOf(live));
    }

    public async Task<ApplyOutcome> ApplyAsync(Guid complaintId, ComplaintState state, string keyspace)
    {
        var db = redis.GetDatabase();
        var complaintKey = new RedisKey(keyspace + ProjectionKeys.Complaint(complaintId));
        var next = Contribution.Of(state);
        while (true)
        {
            var stored = await db.HashGetAsync(complaintKey, ["version", "contribution"]);
            var storedVersion = stored[0].IsNull ? 0 : (int)stored[0];
            if (storedVersion >= state.Version) return ApplyOutcome.NotNewer;

            var changes = ContributionDiff.Between(ProjectionEntry.ParseAll(stored[1]), next);
            var result = (int)await db.ScriptEvaluateAsync(ApplyScript,
                [complaintKey, new RedisKey(keyspace + "version"), new RedisKey(Prefix + "changes")],
                [keyspace, storedVersion, state.Version, ProjectionEntry.SerializeAll(next),
                 JsonSerializer.Serialize(state, Json), complaintId.ToString("N"), Encode(changes)]);
            if (result == 1) return ApplyOutcome.Applied;
            if (result == 0) return ApplyOutcome.NotNewer;
            // -1: a concurrent apply moved the version between our read and the script; read again.
        }
    }

    /// <summary>The stored snapshot of a complaint (for the overdue list); null when unknown.</summary>
    public static ComplaintState? ParseState(RedisValue json) =>
        json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ComplaintState>(json.ToString(), Json);

    private static string Encode(IEnumerable<ProjectionChange> changes) => string.Join('\n', changes.Select(change => change switch
    {
        ProjectionChange.Count c => $"h\t{c.Key}\t{c.Field}\t{c.Delta}",
        ProjectionChange.Rank r => $"z\t{r.Key}\t{r.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
        ProjectionChange.Unrank u => $"r\t{u.Key}",
        ProjectionChange.AddMember m => $"s\t{m.Key}\t{m.Member}",
        _ => throw new InvalidOperationException($"Unknown change {change}."),
    }));
}
