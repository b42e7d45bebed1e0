using System.Security.Cryptography;

namespace Oversight.Security.Credentials;

/// <summary>
/// Secrets as salted slow hashes: PBKDF2-HMAC-SHA256, 16-byte random salt, 32-byte hash, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64) so the iteration count can be raised later without
/// invalidating stored hashes (each hash is verified with the count stored in it).
/// The default, 100,000 iterations, suits the region directory's client secrets: they are 256 random bits (not
/// guessable passwords), so the hash is defence in depth for a stolen table, and each token request stays around a
/// few tens of ms. Low-entropy secrets (a reporter's 6-digit PIN) pass a higher count.
/// </summary>
public static class SecretHasher
{
    /// <summary>The default iteration count.</summary>
    public const int Iterations = 100_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the client id is unknown, so that answer takes as long as a wrong secret.
    private static readonly string DummyHash = Hash("not-a-secret");

    /// <summary>A new salted hash of <paramref name="secret"/> with <paramref name="iterations"/> PBKDF2 rounds.</summary>
    public static string Hash(string secret, int iterations = Iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
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
        if (expected.Length == 0) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The iteration count a stored hash was made with, or null when it is malformed (to decide on re-hashing).</summary>
    public static int? IterationsOf(string stored)
    {
        var parts = stored.Split('$');
        return parts.Length == 4 && parts[0] == Scheme && int.TryParse(parts[1], out var iterations) && iterations >= 1 ? iterations : null;
    }

    /// <summary>Spends the time of one verification at the default count, for unknown client ids.</summary>
    public static void VerifyAgainstDummy(string secret) => Verify(secret, DummyHash);
}
