using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Reporting.Model;
using Oversight.ServiceDefaults;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>What happened to a snapshot handed to the read model.</summary>
public enum ApplyOutcome { Applied, NotNewer }

/// <summary>
/// Writes complaint snapshots into the read model: the highest version wins. One Lua script (Projection.lua) reads the
/// generation pointers and the stored snapshot, diffs the stored contribution against the new one and applies the diff,
/// all in one round trip and atomically: no other apply or rebuild swap can fall in between, so a concurrent apply of
/// the same complaint cannot be lost and an event applied twice counts once.
/// </summary>
public sealed class ProjectionStore(IConnectionMultiplexer redis, IOptions<ReportingOptions> options)
{
    // StackExchange.Redis sends it by its SHA once the server knows it (EVALSHA), not the whole text each time.
    private static readonly string ApplyScript = EmbeddedText.Read(typeof(ProjectionStore).Assembly, "Projection.lua");

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
    public Task<ApplyOutcome> ApplyLiveAsync(Guid complaintId, ComplaintState state) => ApplyAsync(complaintId, state, "");

    /// <summary>Applies a snapshot to one generation's keyspace alone ("" = the live one and the one being built).</summary>
    public async Task<ApplyOutcome> ApplyAsync(Guid complaintId, ComplaintState state, string keyspace)
    {
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(ApplyScript,
            [GenerationKey, BuildingKey, new RedisKey(Prefix + "changes")],
            [Prefix, complaintId.ToString("N"), state.Version, ProjectionEntry.SerializeAll(Contribution.Of(state)),
             JsonSerializer.Serialize(state, Json), keyspace]);
        return result == 1 ? ApplyOutcome.Applied : ApplyOutcome.NotNewer;
    }

    /// <summary>The stored snapshot of a complaint (for the overdue list); null when unknown.</summary>
    public static ComplaintState? ParseState(RedisValue json) =>
        json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ComplaintState>(json.ToString(), Json);
}
