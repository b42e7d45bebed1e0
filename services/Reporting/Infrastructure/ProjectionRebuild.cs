using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>
/// Rebuilds the read model from the complaints service's export stream into a new generation of keys, while the
/// live generation keeps serving (and live events go to both), then swaps the generation pointer in one step.
/// </summary>
public sealed class ProjectionRebuild(IConnectionMultiplexer redis, ProjectionStore projection, ComplaintQueries.ComplaintQueriesClient complaints,
    ILogger<ProjectionRebuild> logger)
{
    // Marks the rebuild in progress; expires so that a crashed rebuild does not block the next one for ever.
    private static readonly TimeSpan BuildingLease = TimeSpan.FromHours(1);

    private const string SwapScript = """
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2])
        redis.call('PUBLISH', KEYS[3], 'swap')
        return 1
        """;

    /// <summary>Returns the new generation and how many complaints it holds; null when another rebuild is running.</summary>
    public async Task<(long Generation, long Complaints)?> RunAsync(Metadata callerToken, CancellationToken cancellation)
    {
        var db = redis.GetDatabase();
        var (live, _) = await projection.LiveAsync();
        var generation = live + 1;
        // Set before the export starts: a change committed after the export read a complaint reaches the consumer
        // after this, so the consumer applies it to this generation too (highest version wins either way).
        if (!await db.StringSetAsync(projection.BuildingKey, generation, BuildingLease, When.NotExists)) return null;
        var keyspace = projection.KeyspaceOf(generation);
        long count = 0;
        try
        {
            await DeleteGenerationAsync(keyspace);
            using var export = complaints.ExportComplaints(new ExportComplaintsRequest(), callerToken, cancellationToken: cancellation);
            await foreach (var row in export.ResponseStream.ReadAllAsync(cancellation))
            {
                await projection.ApplyAsync(Guid.Parse(row.ComplaintId), ExportedSnapshot.ToState(row), keyspace);
                count++;
            }
            var swapped = (int)await db.ScriptEvaluateAsync(SwapScript,
                [projection.GenerationKey, projection.BuildingKey, new RedisKey(projection.ChangesChannel.ToString())], [generation]);
            if (swapped != 1) throw new InvalidOperationException("The rebuild lost its lease before the swap.");
        }
        catch
        {
            await db.KeyDeleteAsync(projection.BuildingKey);
            throw;
        }
        logger.LogInformation("Rebuilt the read model: generation {Generation} with {Complaints} complaints replaces generation {Previous}",
            generation, count, live);
        await DeleteGenerationAsync(projection.KeyspaceOf(live));
        return (generation, count);
    }

    // Readers that began on the old generation retry on the new one (their transaction watches the pointer).
    private async Task DeleteGenerationAsync(string keyspace)
    {
        var db = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(db.Database, pattern: keyspace + "*", pageSize: 500))
            {
                await db.KeyDeleteAsync(key, CommandFlags.FireAndForget);
            }
        }
    }
}
