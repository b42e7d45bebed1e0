using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Oversight.Security.Credentials;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>How a PIN compared with its stored hash.</summary>
public enum PinCheck
{
    Wrong,
    Right,
    /// <summary>Right, but the stored hash is of an older kind or key: store <see cref="ReporterPin.Hash"/> anew.</summary>
    RightButOutdated,
}

/// <summary>
/// The 6-digit PIN a reporter gets with the <see cref="TrackingCode"/>, shown once and stored only as a keyed hash:
/// HMAC-SHA256 over a 16-byte random salt and the PIN, with a key derived (HKDF) from the current reporter identity
/// key, stored as <c>hmac-sha256$keyId$salt$mac</c>.
/// <para>
/// Why a key and not a slow hash: a PIN has a million values, and any unkeyed hash of it, however many rounds, falls to
/// an offline search of all of them in seconds. What protects a stolen table is a key that is not in the database; the
/// identity key already is that (it seals the reporter's identity in the same row), so the PIN key is derived from it
/// and rotates with it. Online guessing is stopped by the tracking guard's rate limits. The slow hash this replaces
/// (PBKDF2, 10,000 rounds) bought nothing against either and cost a third of intake's CPU (issue 19).
/// </para>
/// <para>
/// Hashes made before (<c>pbkdf2-sha256$rounds$salt$hash</c>) and hashes under a key that is no longer current still
/// verify, and answer <see cref="PinCheck.RightButOutdated"/>: the caller stores a new hash then. A key stays in the
/// ring while hashes made with it are stored (see docs/security.md).
/// </para>
/// </summary>
public sealed class ReporterPin
{
    public const int Length = 6;
    private const string Scheme = "hmac-sha256";
    private const string LegacyScheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private static readonly byte[] DerivationInfo = Encoding.ASCII.GetBytes("oversight reporter pin v1");

    // The PIN keys, derived once from each identity key of the ring: a PIN key is never the identity key itself.
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    public ReporterPin(IdentityKeyRing ring)
    {
        _keys = ring.Keys.ToDictionary(entry => entry.Id, entry => DeriveKey(entry.Key), StringComparer.OrdinalIgnoreCase);
        _currentKeyId = ring.CurrentKeyId;
    }

    /// <summary>A new uniformly random PIN, six digits with leading zeros.</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Whether the text is a PIN as typed: six ASCII digits, spaces ignored.</summary>
    public static bool IsWellFormed(string? pin) => Normalize(pin) is not null;

    /// <summary>The keyed hash to store, under the current key; throws <see cref="ArgumentException"/> for a text that is not six digits.</summary>
    public string Hash(string pin)
    {
        var normalized = Normalize(pin) ?? throw new ArgumentException("A PIN is six digits.", nameof(pin));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var mac = Mac(_keys[_currentKeyId], salt, normalized);
        return $"{Scheme}${_currentKeyId}${Convert.ToBase64String(salt)}${Convert.ToBase64String(mac)}";
    }

    /// <summary>
    /// Compares <paramref name="pin"/> with the stored hash in constant time. A malformed PIN, a malformed hash or an
    /// unknown key is <see cref="PinCheck.Wrong"/>.
    /// </summary>
    public PinCheck Verify(string? pin, string storedHash)
    {
        var normalized = Normalize(pin);
        var parts = storedHash.Split('$');
        if (normalized is null || parts.Length != 4) return PinCheck.Wrong;
        if (parts[0] == LegacyScheme)
        {
            return SecretHasher.Verify(normalized, storedHash) ? PinCheck.RightButOutdated : PinCheck.Wrong;
        }
        if (parts[0] != Scheme || !_keys.TryGetValue(parts[1], out var key)) return PinCheck.Wrong;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return PinCheck.Wrong;
        }
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, salt, normalized), expected)) return PinCheck.Wrong;
        return string.Equals(parts[1], _currentKeyId, StringComparison.OrdinalIgnoreCase) ? PinCheck.Right : PinCheck.RightButOutdated;
    }

    /// <summary>Spends the work of one verification, for a tracking code that does not exist.</summary>
    public void VerifyAgainstDummy(string? pin) => Mac(_keys[_currentKeyId], new byte[SaltBytes], Normalize(pin) ?? "000000");

    private static byte[] DeriveKey(byte[] identityKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, identityKey, 32, salt: [], info: DerivationInfo);

    private static byte[] Mac(byte[] key, byte[] salt, string pin) => HMACSHA256.HashData(key, (byte[])[.. salt, .. Encoding.ASCII.GetBytes(pin)]);

    private static string? Normalize(string? pin)
    {
        if (pin is null) return null;
        var digits = pin.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
