using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>Per-region complaint counts in Redis hashes, applied at most once per event.</summary>
public sealed class RegionCountsStore(IConnectionMultiplexer redis, IOptions<ReportingOptions> options)
{
    // Marking the event and counting it in one script makes a redelivered event a no-op.
    private const string ApplyOnceScript = """
        if redis.call('SET', KEYS[1], '1', 'NX') then
          redis.call('HINCRBY', KEYS[2], 'submitted', 1)
        end
        """;

    private const string SubmittedField = "submitted";

    private string Prefix => options.Value.KeyPrefix;

    public Task CountSubmittedAsync(Guid eventId, string regionCode) =>
        redis.GetDatabase().ScriptEvaluateAsync(ApplyOnceScript,
            [new RedisKey($"{Prefix}applied:{eventId}"), new RedisKey($"{Prefix}region:{regionCode}")]);

    public async Task<long> SubmittedAsync(string regionCode)
    {
        var value = await redis.GetDatabase().HashGetAsync($"{Prefix}region:{regionCode}", SubmittedField);
        return value.IsNull ? 0 : (long)value;
    }
}
