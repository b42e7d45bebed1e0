using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Oversight.Complaints.Infrastructure.Queries;

/// <summary>
/// The position after the last complaint of a ListComplaints page: its (received_at, id), the order's key. The next page
/// starts strictly after it, so complaints received meanwhile (newer, hence before it) shift nothing, and a complaint is
/// never listed twice. Opaque to clients: URL-safe base64 of a version byte, the instant's ticks and the id.
/// </summary>
public sealed record ListCursor(DateTime ReceivedAtUtc, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..9], ReceivedAtUtc.Ticks);
        Id.TryWriteBytes(bytes[9..], bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>False for anything <see cref="Encode"/> did not produce (wrong alphabet, length or version, ticks out of range).</summary>
    public static bool TryDecode(string token, [NotNullWhen(true)] out ListCursor? cursor)
    {
        cursor = null;
        if (token.Length is 0 or > 64)
        {
            return false;
        }
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        Span<byte> bytes = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length || bytes[0] != Version)
        {
            return false;
        }
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        cursor = new ListCursor(new DateTime(ticks, DateTimeKind.Utc), new Guid(bytes[9..Length], bigEndian: true));
        return true;
    }
}
