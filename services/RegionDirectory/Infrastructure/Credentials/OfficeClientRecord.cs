namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>A registered office client as stored; <see cref="SecretHash"/> never leaves the service.</summary>
public sealed class OfficeClientRecord
{
    public required string ClientId { get; init; }
    public required string DisplayName { get; init; }

    /// <summary>A Kemendagri code, or "" for national scope.</summary>
    public required string RegionCode { get; init; }
    public string? OfficeId { get; init; }
    public required string[] Roles { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; init; }

    public bool Revoked => RevokedAt is not null;
}
