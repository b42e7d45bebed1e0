using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Oversight.Security.Authentication;
using Oversight.UnitTests.Complaints.Domain;

namespace Oversight.UnitTests.Authentication;

/// <summary>
/// The remembered validation of office tokens: a valid token's signature is checked once and then for at most a
/// minute or until it expires; an invalid token is checked in full every time; each answer has its own identity.
/// The signing-key resolver counts the full validations (it is asked once per signature check).
/// </summary>
public sealed class RememberingTokenHandlerTests
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "k1" };
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);
    private int _signatureChecks;

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "urn:test",
        ValidAudience = "oversight",
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        IssuerSigningKeyResolver = (_, _, _, _) =>
        {
            Interlocked.Increment(ref _signatureChecks);
            return [_key];
        },
    };

    private string Token(TimeSpan lifetime, string audience = "oversight") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "urn:test",
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", "desk-52.71"), new Claim("role", "intake_officer")]),
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.Add(lifetime),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task A_valid_token_is_checked_once_and_each_answer_has_its_own_identity()
    {
        var handler = new RememberingTokenHandler(_clock);
        var token = Token(TimeSpan.FromMinutes(15));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _signatureChecks);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("desk-52.71", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("intake_officer", second.ClaimsIdentity.FindFirst("role")?.Value);

        // A claim added to one request's identity does not reach the next request.
        first.ClaimsIdentity.AddClaim(new Claim("role", "national_admin"));
        var third = await handler.ValidateTokenAsync(token, Parameters());
        Assert.DoesNotContain(third.ClaimsIdentity.FindAll("role"), c => c.Value == "national_admin");
    }

    [Fact]
    public async Task An_invalid_token_is_checked_in_full_every_time()
    {
        var handler = new RememberingTokenHandler(_clock);
        var token = Token(TimeSpan.FromMinutes(15), audience: "someone-else");

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _signatureChecks);
    }

    [Fact]
    public async Task A_remembered_validation_lasts_at_most_a_minute()
    {
        var handler = new RememberingTokenHandler(_clock);
        var token = Token(TimeSpan.FromMinutes(15));

        await handler.ValidateTokenAsync(token, Parameters());
        _clock.Advance(RememberingTokenHandler.MaxAge - TimeSpan.FromSeconds(1));
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _signatureChecks);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _signatureChecks);
    }

    [Fact]
    public async Task A_token_is_not_remembered_past_its_expiry()
    {
        var handler = new RememberingTokenHandler(_clock);
        var token = Token(TimeSpan.FromSeconds(20));

        await handler.ValidateTokenAsync(token, Parameters());
        // Past the token's exp but within MaxAge: validated in full again (there the lifetime check, skew included, decides).
        _clock.Advance(TimeSpan.FromSeconds(25));
        await handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _signatureChecks);
    }
}
