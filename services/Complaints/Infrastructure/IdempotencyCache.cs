using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Complaints;
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
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);
    private int _outage;

    /// <summary>
    /// The Redis key: client id, the SHA-256 of the idempotency key (any printable text, kept out of key syntax) and the
    /// request's fingerprint, so only a retry of the same request finds the answer.
    /// </summary>
    public static string KeyFor(string clientId, string idempotencyKey, byte[] fingerprint) =>
        KeyPrefix + clientId + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))
        + ":" + Convert.ToHexStringLower(fingerprint);

    public async Task<SubmitComplaintReply?> GetAsync(string clientId, string idempotencyKey, byte[] fingerprint)
    {
        if (!redis.IsConnected)
        {
            Outage("not connected");
            return null;
        }
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(KeyFor(clientId, idempotencyKey, fingerprint)).WaitAsync(Timeout);
            Recovered();
            return value.IsNullOrEmpty ? null : SubmitComplaintReply.Parser.ParseFrom((byte[])value!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidProtocolBufferException)
        {
            Outage(ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Stores the answer as a replay: without the PIN, marked replayed.</summary>
    public async Task SetAsync(string clientId, string idempotencyKey, byte[] fingerprint, SubmitComplaintReply reply)
    {
        if (!redis.IsConnected)
        {
            Outage("not connected");
            return;
        }
        var replay = reply.Clone();
        replay.Pin = "";
        replay.Replayed = true;
        try
        {
            await redis.GetDatabase().StringSetAsync(KeyFor(clientId, idempotencyKey, fingerprint), replay.ToByteArray(), Expiry).WaitAsync(Timeout);
            Recovered();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Outage(ex.GetType().Name);
        }
    }

    private void Outage(string reason)
    {
        if (Interlocked.Exchange(ref _outage, 1) == 0)
        {
            logger.LogWarning("Redis unavailable for idempotency keys ({Reason}); the database decides retries until it is back", reason);
        }
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _outage, 0) == 1)
        {
            logger.LogInformation("Redis available again for idempotency keys");
        }
    }
}
