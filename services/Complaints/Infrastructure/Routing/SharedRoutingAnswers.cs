using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Oversight.Contracts.RegionDirectory;
using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.Complaints.Infrastructure.Routing;

/// <summary>An answer another instance kept, and when the directory gave it.</summary>
public sealed record SharedAnswer<T>(T Answer, DateTimeOffset ReceivedAt);

/// <summary>
/// The routing cache's answers shared in Redis by every instance of the service, so that a restarted instance, a new
/// deployment or a second replica starts with the answers the others were given instead of asking the region directory
/// for every region in its first seconds (docs/performance.md, "Start-up and idle memory"). Two Redis hashes, one per
/// kind of answer, each field an answer and when the directory gave it: a reader takes them as they are and judges
/// their age itself, as it does its own. <c>RegionDirectoryChanged</c> deletes both (every instance does, idempotently).
/// Routing answers name offices, never a person. Best effort: while Redis cannot answer each instance asks the directory
/// itself, as before.
/// </summary>
public sealed class SharedRoutingAnswers(IConnectionMultiplexer redis, IOptions<RoutingCacheOptions> options, ILogger<SharedRoutingAnswers> logger)
{
    private readonly RedisKey _routesKey = options.Value.SharedKeyPrefix + "routes";
    private readonly RedisKey _campaignsKey = options.Value.SharedKeyPrefix + "campaigns";

    // A miss costs a directory look-up of ~2-100 ms: Redis slower than this is no shortcut.
    private readonly BestEffortRedis _redis = new(redis, logger, "shared routing answers",
        "each instance asks the region directory itself", TimeSpan.FromMilliseconds(200));

    public static string Field(RouteKey key) => key.RegionCode + "|" + key.EmployingRegionCode;

    public static string Field(CampaignKey key) => key.RegionCode + "|" + key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What the other instances were last given for these keys (either may be null), in one round trip.</summary>
    public async Task<(SharedAnswer<ComplaintRouting>? Routing, SharedAnswer<CampaignStatus>? Campaign)> ReadAsync(RouteKey routeKey, CampaignKey campaignKey)
    {
        var values = await _redis.TryAsync(async database =>
        {
            var routing = database.HashGetAsync(_routesKey, Field(routeKey));
            var campaign = database.HashGetAsync(_campaignsKey, Field(campaignKey));
            return (Routing: await routing, Campaign: await campaign);
        });
        return (Decode(values.Routing, ComplaintRouting.Parser), Decode(values.Campaign, CampaignStatus.Parser));
    }

    /// <summary>
    /// Shares what the directory answered at <paramref name="receivedAt"/>; each hash lives <paramref name="keepFor"/>
    /// after its last write (UsableFor: no reader would take an older answer). A null answer is not written.
    /// </summary>
    public Task WriteAsync(RouteKey routeKey, ComplaintRouting? routing, CampaignKey campaignKey, CampaignStatus? campaign,
        DateTimeOffset receivedAt, TimeSpan keepFor) =>
        _redis.TryAsync(async database =>
        {
            var writes = new List<Task>();
            if (campaign is not null)
            {
                writes.Add(database.HashSetAsync(_campaignsKey, Field(campaignKey), Encode(campaign, receivedAt)));
                writes.Add(database.KeyExpireAsync(_campaignsKey, keepFor));
            }
            if (routing is not null)
            {
                writes.Add(database.HashSetAsync(_routesKey, Field(routeKey), Encode(routing, receivedAt)));
                writes.Add(database.KeyExpireAsync(_routesKey, keepFor));
            }
            await Task.WhenAll(writes);
        });

    /// <summary>The directory changed: no instance may take these answers any more.</summary>
    public Task ClearAsync() => _redis.TryAsync(database => database.KeyDeleteAsync([_routesKey, _campaignsKey]));

    /// <summary>When the directory gave the answer (Unix milliseconds, 8 bytes big-endian), then the answer as Protobuf.</summary>
    public static byte[] Encode(IMessage answer, DateTimeOffset receivedAt)
    {
        var bytes = new byte[sizeof(long) + answer.CalculateSize()];
        BinaryPrimitives.WriteInt64BigEndian(bytes, receivedAt.ToUnixTimeMilliseconds());
        answer.WriteTo(bytes.AsSpan(sizeof(long)));
        return bytes;
    }

    /// <summary>The answer and its time; null for no value or one this build cannot read (then the directory is asked).</summary>
    public static SharedAnswer<T>? Decode<T>(RedisValue value, MessageParser<T> parser) where T : IMessage<T>
    {
        if (value.IsNullOrEmpty) return null;
        var bytes = (byte[])value!;
        if (bytes.Length < sizeof(long)) return null;
        try
        {
            var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
            return new SharedAnswer<T>(parser.ParseFrom(bytes.AsSpan(sizeof(long))), receivedAt);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
