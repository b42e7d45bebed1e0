using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Complaints;
using Oversight.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// The fast path of idempotent submissions: the first answer (without its PIN) in Redis for a day, under the
/// submitting client and the key. Redis is optional: when it is down or slow this answers "unknown" and the
/// database (its UNIQUE (created_by, idempotency_key)) decides. One warning per outage.
/// </summary>
public sealed class IdempotencyCache(IConnectionMultiplexer redis, ILogger<IdempotencyCache> logger)
{
    public const string KeyPrefix = "oversight:complaints:idempotency:";
    public static readonly TimeSpan Expiry = TimeSpan.FromHours(24);
    private readonly BestEffortRedis _redis = new(redis, logger, "idempotency keys",
        "the database decides retries until it is back", TimeSpan.FromMilliseconds(500));

    /// <summary>
    /// The Redis key: client id, the SHA-256 of the idempotency key (any printable text, kept out of key syntax) and the
    /// request's fingerprint, so only a retry of the same request finds the answer.
    /// </summary>
    public static string KeyFor(string clientId, string idempotencyKey, byte[] fingerprint) =>
        KeyPrefix + clientId + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))
        + ":" + Convert.ToHexStringLower(fingerprint);

    public async Task<SubmitComplaintReply?> GetAsync(string clientId, string idempotencyKey, byte[] fingerprint)
    {
        var value = await _redis.TryAsync(db => db.StringGetAsync(KeyFor(clientId, idempotencyKey, fingerprint)));
        if (value.IsNullOrEmpty) return null;
        try
        {
            return SubmitComplaintReply.Parser.ParseFrom((byte[])value!);
        }
        catch (InvalidProtocolBufferException)
        {
            // Not an answer this build wrote: the database decides, as when Redis is down.
            return null;
        }
    }

    /// <summary>Stores the answer as a replay: without the PIN, marked replayed.</summary>
    public async Task SetAsync(string clientId, string idempotencyKey, byte[] fingerprint, SubmitComplaintReply reply)
    {
        var replay = reply.Clone();
        replay.Pin = "";
        replay.Replayed = true;
        await _redis.TryAsync(db => db.StringSetAsync(KeyFor(clientId, idempotencyKey, fingerprint), replay.ToByteArray(), Expiry));
    }
}
