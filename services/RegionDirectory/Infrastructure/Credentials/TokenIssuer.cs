using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Oversight.Security.Authentication;

namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>Signs short-lived access tokens (RS256 JWT, <c>typ: at+jwt</c>) for an office client.</summary>
public sealed class TokenIssuer(SigningKeyStore keys, OfficeAuthenticationOptions authentication, IOptions<CredentialsOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public string Issue(OfficeClientRecord client, IReadOnlyList<string> roles)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [OfficeClaims.Subject] = client.ClientId,
            [OfficeClaims.ClientId] = client.ClientId,
            [OfficeClaims.Region] = client.RegionCode,
            [OfficeClaims.Role] = roles.ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (!string.IsNullOrEmpty(client.OfficeId)) claims[OfficeClaims.OfficeId] = client.OfficeId;

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = authentication.Issuer,
            Audience = authentication.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            TokenType = "at+jwt",
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
