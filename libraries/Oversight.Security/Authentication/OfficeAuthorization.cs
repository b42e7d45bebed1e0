using Microsoft.AspNetCore.Authorization;

namespace Oversight.Security.Authentication;

/// <summary>
/// Deny by default: every gRPC method and REST route needs a valid office token carrying one of the office roles,
/// unless it is declared anonymous (<c>[AllowAnonymous]</c> on a gRPC method, <c>.AllowAnonymous()</c> on a route).
/// A new method or route is therefore closed until someone decides otherwise. The finer checks (which role, which
/// region, which office) stay in each method, where the object concerned is known; see <see cref="GrpcOfficeAuthorization"/>.
/// </summary>
public static class OfficeAuthorization
{
    /// <summary>What every endpoint without its own declaration requires: an authenticated caller with an office role.</summary>
    public static AuthorizationPolicy FallbackPolicy { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireClaim(OfficeClaims.Role, OfficeRoles.All)
        .Build();

    /// <summary>The answer to a call without a token.</summary>
    public const string NoTokenMessage = "A bearer token is required (Authorization: Bearer <token> from POST /connect/token).";

    /// <summary>The answer to a call with a token that failed validation.</summary>
    public const string InvalidTokenMessage = "The bearer token is invalid or expired.";

    /// <summary>The answer to a valid token that carries no office role.</summary>
    public const string NoRoleMessage = "Permission denied: the token carries no office role.";
}
