using System.Security.Cryptography;
using System.Text;

namespace Oversight.Notifications.Model.Webhooks;

/// <summary>
/// The signature of a webhook delivery: header <c>X-Oversight-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is
/// the lower-case HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), of <c>"&lt;t&gt;.&lt;body&gt;"</c>.
/// The timestamp lets a receiver refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Oversight-Signature";
    public const string EventIdHeader = "X-Oversight-Event-Id";
    public const string EventTypeHeader = "X-Oversight-Event-Type";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>The receiver's check (as docs/notifications.md shows it): a well-formed header, a fresh timestamp, a matching MAC.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        string? v1 = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) return false;
            if (pair[0] == "t" && long.TryParse(pair[1], out var t)) timestamp = t;
            else if (pair[0] == "v1") v1 = pair[1];
        }
        if (timestamp is not { } seconds || v1 is null) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return false;
        var expected = Sign(secret, seconds, body)["t=".Length..].Split(",v1=")[1];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }
}
