using System.Security.Claims;

namespace Oversight.Security.Authentication;

/// <summary>The two questions every service asks of a caller, read from its validated token's claims.</summary>
public static class OfficePrincipal
{
    /// <summary>Whether the principal is authenticated and holds the role.</summary>
    public static bool HasOfficeRole(this ClaimsPrincipal principal, string role) =>
        principal.Identity?.IsAuthenticated == true
        && principal.FindAll(OfficeClaims.Role).Any(claim => claim.Value == role);

    /// <summary>The principal's region scope ("" for national), or null when it has none (then it covers nothing).</summary>
    public static string? RegionScopeOf(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirst(OfficeClaims.Region)?.Value : null;

    /// <summary>Whether the principal's region scope covers the region code ("" meaning national).</summary>
    public static bool CoversRegion(this ClaimsPrincipal principal, string regionCode) =>
        RegionScope.Covers(principal.RegionScopeOf(), regionCode);

    /// <summary>The client id (<c>sub</c>), for logs; null when unauthenticated.</summary>
    public static string? OfficeClientId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirst(OfficeClaims.Subject)?.Value : null;
}
