using System.Globalization;
using System.Security.Cryptography;
using Oversight.ServiceDefaults.Security;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// The 6-digit PIN a reporter gets with the <see cref="TrackingCode"/>, shown once and stored only as a salted slow hash
/// (<see cref="SecretHasher"/>: PBKDF2-HMAC-SHA256, <see cref="HashIterations"/> rounds, 16-byte salt).
/// <para>
/// Caution: a 6-digit PIN has only a million values, so whoever steals a hash can find its PIN offline, however slow
/// the hash: the iteration count (OWASP's 2023 figure for PBKDF2-SHA256) only makes that cost minutes per hash instead
/// of a fraction of a second, and makes a bulk attack on a stolen table expensive. Online, the PIN is safe only if
/// status look-ups by tracking code are rate-limited per code and per client address (a handful of wrong PINs, then a
/// pause), which the look-up endpoint must do. Each verification costs a few hundred milliseconds of CPU, one more
/// reason to rate-limit before verifying.
/// </para>
/// </summary>
public static class ReporterPin
{
    public const int Length = 6;

    /// <summary>PBKDF2 rounds for PIN hashes: OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023).</summary>
    public const int HashIterations = 600_000;

    // Verified against when the tracking code is unknown, so that answer takes as long as a wrong PIN.
    private static readonly Lazy<string> DummyHash = new(() => SecretHasher.Hash("000000", HashIterations));

    /// <summary>A new uniformly random PIN, six digits with leading zeros.</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Whether the text is a PIN as typed: six ASCII digits, spaces ignored.</summary>
    public static bool IsWellFormed(string? pin) => Normalize(pin) is not null;

    /// <summary>The salted slow hash to store; throws <see cref="ArgumentException"/> for a text that is not six digits.</summary>
    public static string Hash(string pin) =>
        SecretHasher.Hash(Normalize(pin) ?? throw new ArgumentException("A PIN is six digits.", nameof(pin)), HashIterations);

    /// <summary>
    /// Whether <paramref name="pin"/> matches the stored hash, compared in constant time. A malformed PIN is still
    /// run against a hash, so the answer takes as long as for a wrong one.
    /// </summary>
    public static bool Verify(string? pin, string storedHash)
    {
        var normalized = Normalize(pin);
        if (normalized is null)
        {
            SecretHasher.Verify("000000", DummyHash.Value);
            return false;
        }
        return SecretHasher.Verify(normalized, storedHash);
    }

    /// <summary>Spends the time of one verification, for a tracking code that does not exist.</summary>
    public static void VerifyAgainstDummy(string? pin) => SecretHasher.Verify(Normalize(pin) ?? "000000", DummyHash.Value);

    private static string? Normalize(string? pin)
    {
        if (pin is null) return null;
        var digits = pin.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
