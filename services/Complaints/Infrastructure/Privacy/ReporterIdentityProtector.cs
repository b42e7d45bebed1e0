using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// Seals a <see cref="ReporterIdentity"/> for storage with AES-256-GCM and opens it again.
/// <para>
/// The sealed form is one byte string:
/// <c>[format 0x01][key id length n][key id, n ASCII bytes][nonce, 12 bytes][tag, 16 bytes][ciphertext]</c>.
/// The nonce is fresh from <see cref="RandomNumberGenerator"/> for every seal (96 random bits: with one key,
/// 2^32 seals keep the chance of a repeat below 2^-32, far beyond this service's volume). The associated data is the
/// header (format byte, key id) followed by the complaint id (16 bytes, big-endian RFC 4122 order), so a sealed
/// identity opens only for the complaint it was sealed for, and its key id cannot be swapped.
/// The plaintext is the identity as UTF-8 JSON.
/// </para>
/// Thread-safe; one instance per process.
/// </summary>
public sealed class ReporterIdentityProtector(IdentityKeyRing keys)
{
    /// <summary>The format byte of the layout above.</summary>
    public const byte FormatV1 = 0x01;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Seals the identity of the complaint's reporter with the current key.</summary>
    public byte[] Seal(Guid complaintId, ReporterIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (complaintId == Guid.Empty) throw new ArgumentException("The complaint id must not be empty.", nameof(complaintId));

        var keyId = Encoding.ASCII.GetBytes(keys.CurrentKeyId);
        var headerLength = 2 + keyId.Length;
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(identity, Json);
        try
        {
            var sealedBytes = new byte[headerLength + NonceBytes + TagBytes + plaintext.Length];
            sealedBytes[0] = FormatV1;
            sealedBytes[1] = (byte)keyId.Length;
            keyId.CopyTo(sealedBytes, 2);
            var nonce = sealedBytes.AsSpan(headerLength, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            var tag = sealedBytes.AsSpan(headerLength + NonceBytes, TagBytes);
            var ciphertext = sealedBytes.AsSpan(headerLength + NonceBytes + TagBytes);

            using var aes = new AesGcm(keys.CurrentKey, TagBytes);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(sealedBytes.AsSpan(0, headerLength), complaintId));
            return sealedBytes;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Opens an identity sealed for <paramref name="complaintId"/> with any key of the ring. Throws
    /// <see cref="ReporterIdentityUnreadableException"/> when the bytes are malformed, name a key the ring lacks, or do
    /// not authenticate (altered, sealed for another complaint, or a different key under the same id).
    /// </summary>
    public ReporterIdentity Open(Guid complaintId, ReadOnlySpan<byte> sealedBytes)
    {
        var keyId = ReadHeader(sealedBytes, out var headerLength);
        if (!keys.TryGetKey(keyId, out var key))
        {
            throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.UnknownKey,
                $"The reporter identity of complaint {complaintId} was sealed with key '{keyId}', which is not in {IdentityKeyRing.KeysSection}.");
        }

        var nonce = sealedBytes.Slice(headerLength, NonceBytes);
        var tag = sealedBytes.Slice(headerLength + NonceBytes, TagBytes);
        var ciphertext = sealedBytes[(headerLength + NonceBytes + TagBytes)..];
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using (var aes = new AesGcm(key, TagBytes))
            {
                try
                {
                    aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(sealedBytes[..headerLength], complaintId));
                }
                catch (AuthenticationTagMismatchException)
                {
                    throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.NotAuthentic,
                        $"The reporter identity does not authenticate for complaint {complaintId}: it was altered, belongs to another complaint, or key '{keyId}' changed.");
                }
            }
            try
            {
                return JsonSerializer.Deserialize<ReporterIdentity>(plaintext, Json)
                    ?? throw new JsonException("null identity");
            }
            catch (JsonException)
            {
                // Authentic but not an identity: a bug of whoever sealed it, never shown as garbage.
                throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.Malformed,
                    $"The reporter identity of complaint {complaintId} authenticates but is not a readable identity.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The id of the key a sealed identity was sealed with (throws <see cref="ReporterIdentityUnreadableException"/> when malformed).</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> sealedBytes) => ReadHeader(sealedBytes, out _);

    /// <summary>Whether a sealed identity was sealed with another key than the current one: open and seal it again after a rotation.</summary>
    public bool NeedsResealing(ReadOnlySpan<byte> sealedBytes) =>
        !string.Equals(KeyIdOf(sealedBytes), keys.CurrentKeyId, StringComparison.OrdinalIgnoreCase);

    private static string ReadHeader(ReadOnlySpan<byte> sealedBytes, out int headerLength)
    {
        if (sealedBytes.Length < 2 || sealedBytes[0] != FormatV1)
        {
            throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.Malformed,
                sealedBytes.Length == 0 ? "The sealed reporter identity is empty." : $"The sealed reporter identity has an unknown format (first byte 0x{sealedBytes[0]:x2}).");
        }
        var keyIdLength = sealedBytes[1];
        headerLength = 2 + keyIdLength;
        if (keyIdLength is 0 or > IdentityKeyRing.MaxKeyIdLength || sealedBytes.Length < headerLength + NonceBytes + TagBytes)
        {
            throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.Malformed, "The sealed reporter identity is truncated or malformed.");
        }
        var keyId = sealedBytes.Slice(2, keyIdLength);
        foreach (var b in keyId)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '-' || b == '_'))
            {
                throw new ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason.Malformed, "The sealed reporter identity has a malformed key id.");
            }
        }
        return Encoding.ASCII.GetString(keyId);
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, Guid complaintId)
    {
        var data = new byte[header.Length + 16];
        header.CopyTo(data);
        complaintId.TryWriteBytes(data.AsSpan(header.Length), bigEndian: true, out _);
        return data;
    }
}

/// <summary>Why a sealed reporter identity could not be opened.</summary>
public enum ReporterIdentityUnreadableReason
{
    /// <summary>Not in the sealed format (truncated, unknown format byte, bad key id).</summary>
    Malformed,

    /// <summary>Sealed with a key id the ring does not hold (removed too early, or another deployment's).</summary>
    UnknownKey,

    /// <summary>The tag does not match: altered bytes, another complaint's identity, or a different key under the same id.</summary>
    NotAuthentic,
}

/// <summary>A sealed reporter identity that cannot be opened; the message never contains personal data or key material.</summary>
public sealed class ReporterIdentityUnreadableException(ReporterIdentityUnreadableReason reason, string message)
    : CryptographicException(message)
{
    public ReporterIdentityUnreadableReason Reason { get; } = reason;
}
