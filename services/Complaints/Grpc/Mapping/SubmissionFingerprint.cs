using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>
/// What an idempotency key promises: a retry sends the same request. The fingerprint is the SHA-256 of the request as
/// protobuf without its idempotency key (C# protobuf writes the same fields in the same order, so the same request gives
/// the same bytes whether it came over gRPC or REST). A key reused with another fingerprint is refused, as the IETF
/// Idempotency-Key draft and Stripe do, instead of silently answering the first request's complaint.
/// </summary>
public static class SubmissionFingerprint
{
    public static byte[] Of(SubmitComplaintRequest request)
    {
        var withoutKey = request.Clone();
        withoutKey.IdempotencyKey = "";
        return SHA256.HashData(withoutKey.ToByteArray());
    }

    /// <summary>Whether a stored fingerprint allows a replay (rows stored before fingerprints existed have none).</summary>
    public static bool Matches(byte[]? stored, byte[] fingerprint) => stored is null || stored.AsSpan().SequenceEqual(fingerprint);

    /// <summary>The refusal of a reused key: AlreadyExists (HTTP 409), naming the key.</summary>
    public static RpcException Mismatch(string key) => new(new Status(StatusCode.AlreadyExists,
        $"idempotency_key: '{key}' was already used by this client for a different request; a new complaint needs a new key"));
}
