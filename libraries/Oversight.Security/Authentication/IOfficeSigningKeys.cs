using Microsoft.IdentityModel.Tokens;

namespace Oversight.Security.Authentication;

/// <summary>
/// Registered only by the service that signs office tokens (the region directory): when present,
/// <c>AddOfficeAuthentication</c> validates against these keys in memory instead of fetching the JWKS over HTTP.
/// </summary>
public interface IOfficeSigningKeys
{
    /// <summary>The public keys tokens may be signed with, each with its key id.</summary>
    IReadOnlyList<SecurityKey> ValidationKeys { get; }
}
