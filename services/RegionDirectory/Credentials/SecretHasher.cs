using System.Security.Cryptography;

namespace Oversight.RegionDirectory.Credentials;

/// <summary>
/// Client secrets as salted slow hashes: PBKDF2-HMAC-SHA256, 16-byte random salt, 32-byte hash, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64) so the iteration count can be raised later without
/// invalidating stored secrets. 100,000 iterations: our secrets are 256 random bits (not guessable passwords),
/// so the hash is defence in depth for a stolen table, and each token request stays around a few tens of ms.
/// </summary>
public static class SecretHasher
{
    public const int Iterations = 100_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the client id is unknown, so that answer takes as long as a wrong secret.
    private static readonly string DummyHash = Hash("not-a-secret");

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Constant-time comparison; false for a malformed stored hash.</summary>
    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1) return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of one verification, for unknown client ids.</summary>
    public static void VerifyAgainstDummy(string secret) => Verify(secret, DummyHash);
}
