using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Oversight.Dashboard.Otlp;

/// <summary>The <c>x-otlp-api-key</c> check: exactly one header value, equal to the key, compared in constant time.</summary>
public sealed class OtlpApiKey
{
    public const string HeaderName = "x-otlp-api-key";

    // Both sides are hashed first, so the comparison takes the same time whatever the lengths.
    private readonly byte[] _expectedHash;

    public OtlpApiKey(string key)
    {
        if (string.IsNullOrEmpty(key)) throw new ArgumentException("The OTLP API key must not be empty.", nameof(key));
        _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>A new random key (256 bits, hex), as the AppHost makes one per run.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public bool IsValid(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { Length: > 0 } given) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expectedHash);
    }
}

/// <summary>Endpoint metadata: the endpoint takes only requests with the OTLP API key.</summary>
internal sealed class RequiresOtlpApiKey
{
    public static readonly RequiresOtlpApiKey Instance = new();
}
