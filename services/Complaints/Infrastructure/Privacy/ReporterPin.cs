using System.Globalization;
using System.Security.Cryptography;
using Oversight.Security.Credentials;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// The 6-digit PIN a reporter gets with the <see cref="TrackingCode"/>, shown once and stored only as a salted slow hash
/// (<see cref="SecretHasher"/>: PBKDF2-HMAC-SHA256, <see cref="HashIterations"/> rounds, 16-byte salt).
/// <para>
/// Why only 10,000 rounds, not OWASP's 600,000 for passwords: the PIN is ours (random, never reused elsewhere), and
/// what it guards, the status and the public decision, is stored in the same row in plain text. Whoever steals the hash
/// has that already, so making the hash slow protects nothing; a million values fall to any slow hash anyway. What a
/// slow hash did cost was CPU at intake: 600,000 rounds took a few hundred milliseconds per laporan, the largest single
/// cost of a submission on two cores. Online guessing is what matters, and only rate limiting of the look-ups per code
/// and per client stops it. Stored hashes carry their own round count, so older 600,000-round hashes still verify.
/// </para>
/// </summary>
public static class ReporterPin
{
    public const int Length = 6;

    /// <summary>PBKDF2 rounds for new PIN hashes (see the class remarks for why this is not a password's count).</summary>
    public const int HashIterations = 10_000;

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
