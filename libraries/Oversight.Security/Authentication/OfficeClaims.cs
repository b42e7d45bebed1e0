namespace Oversight.Security.Authentication;

/// <summary>
/// The claim names of an office token, as written in the JWT (inbound claim mapping is off, so services
/// see exactly these names).
/// </summary>
public static class OfficeClaims
{
    /// <summary>The client id (JWT <c>sub</c>).</summary>
    public const string Subject = "sub";

    /// <summary>The client id again, as RFC 9068 (JWT access tokens) names it.</summary>
    public const string ClientId = "client_id";

    /// <summary>The office the client belongs to; absent when the client has none.</summary>
    public const string OfficeId = "office_id";

    /// <summary>The region scope: a Kemendagri code, or empty for national scope (<see cref="RegionScope.National"/>).</summary>
    public const string Region = "region";

    /// <summary>One claim per role (<see cref="OfficeRoles"/>).</summary>
    public const string Role = "role";
}
