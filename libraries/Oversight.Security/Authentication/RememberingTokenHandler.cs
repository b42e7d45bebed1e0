using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Oversight.Security.Authentication;

/// <summary>
/// JwtBearer's token handler, remembering each token it found valid for a short time, so a desk's calls (one token,
/// many calls for its 15 minutes) pay the parse and the RS256 signature check once, not on every call (issue 19).
/// A remembered token is answered only while it is unexpired (its <c>exp</c> without the clock skew, so near the end
/// the full validation, skew included, decides again) and for at most <see cref="MaxAge"/>, so a key withdrawn from
/// the directory's JWKS stops being honoured within that time once the service has read the new key set. Invalid
/// tokens are never remembered: each is checked in full, every time. Every answer carries its own copy of the
/// identity, so no request can change another's.
/// </summary>
public sealed class RememberingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>The longest a validation is reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>At most this many tokens are remembered; beyond it the memory is emptied and fills again.</summary>
    public const int Capacity = 10_000;

    private sealed record Remembered(TokenValidationResult Result, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        // Keyed by the token alone: JwtBearer hands a fresh copy of the same parameters to every call; what can change
        // in them (the directory's keys, read again from its JWKS) is bounded by MaxAge.
        if (_valid.TryGetValue(token, out var remembered) && now < remembered.Until)
        {
            return CopyOf(remembered.Result);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            var until = now + MaxAge < expires ? now + MaxAge : expires;
            if (_valid.Count >= Capacity) _valid.Clear();
            _valid[token] = new Remembered(result, until);
            return CopyOf(result);
        }
        return result;
    }

    private static TokenValidationResult CopyOf(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        Issuer = result.Issuer,
        TokenType = result.TokenType,
        TokenContext = result.TokenContext,
    };
}
