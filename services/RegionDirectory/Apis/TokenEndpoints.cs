using Oversight.Security.Authentication;
using Oversight.Security.Credentials;
using Oversight.RegionDirectory.Infrastructure.Credentials;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Oversight.RegionDirectory.Apis;

/// <summary>
/// <c>POST /connect/token</c> (client-credentials grant, RFC 6749 4.4), <c>GET /.well-known/jwks.json</c> and a
/// minimal <c>GET /.well-known/openid-configuration</c> that points validators at the keys.
/// </summary>
public static class TokenEndpoints
{
    public const string TokenPath = "/connect/token";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/openid-configuration";

    public static IEndpointRouteBuilder MapOfficeTokenEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous by nature: the token endpoint checks the client's own credentials, and validators fetch the
        // public keys before they hold any token.
        app.MapPost(TokenPath, IssueTokenAsync).AllowAnonymous();
        app.MapGet(JwksPath, (SigningKeyStore keys) => Results.Json(new { keys = keys.ValidationKeys.Select(PublicJwk) })).AllowAnonymous();
        app.MapGet(MetadataPath, (HttpContext http, OfficeAuthenticationOptions authentication) =>
        {
            // Addresses as the caller reached us: behind service discovery that is the directory's own host and port.
            var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new
            {
                issuer = authentication.Issuer,
                jwks_uri = baseUrl + JwksPath,
                token_endpoint = baseUrl + TokenPath,
                grant_types_supported = new[] { "client_credentials" },
                token_endpoint_auth_methods_supported = new[] { "client_secret_basic", "client_secret_post" },
                id_token_signing_alg_values_supported = new[] { SecurityAlgorithms.RsaSha256 },
            });
        }).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext http, OfficeClientStore clients, TokenIssuer issuer, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TokenEndpoints));
        // Token answers must never be cached (RFC 6749 5.1).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        var (request, malformed) = await TokenRequest.ReadAsync(http.Request, http.RequestAborted);
        if (request is null) return Error(400, "invalid_request", malformed!);
        if (string.IsNullOrEmpty(request.GrantType)) return Error(400, "invalid_request", "grant_type is required");
        if (request.GrantType != "client_credentials") return Error(400, "unsupported_grant_type", "only client_credentials is supported");
        if (string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret))
        {
            return Error(400, "invalid_request", "client_id and client_secret are required (in the body or HTTP Basic)");
        }

        OfficeClientRecord? client;
        try
        {
            client = await clients.FindAsync(request.ClientId, http.RequestAborted);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Token request failed, PostgreSQL unavailable: {Reason}", ex.Message);
            return Error(503, "temporarily_unavailable", "the credentials database is unavailable");
        }

        var refusal = client is null ? "unknown client"
            : !SecretHasher.Verify(request.ClientSecret, client.SecretHash) ? "wrong secret"
            : client.Revoked ? "client revoked"
            : null;
        if (client is null) SecretHasher.VerifyAgainstDummy(request.ClientSecret); // same time as a wrong secret
        if (refusal is not null)
        {
            // The id is what the caller sent, so it is cut short; the secret is never logged.
            logger.LogWarning("Token refused for client {ClientId}: {Reason}", Shorten(request.ClientId), refusal);
            if (request.UsedBasic) http.Response.Headers.WWWAuthenticate = "Basic realm=\"oversight\"";
            return Error(401, "invalid_client", "client authentication failed");
        }

        // An optional scope asks for fewer roles (least privilege); it can never add one.
        var roles = client!.Roles;
        if (!string.IsNullOrWhiteSpace(request.Scope))
        {
            var requested = request.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            var notGranted = requested.Where(role => !roles.Contains(role)).ToArray();
            if (notGranted.Length > 0)
            {
                return Error(400, "invalid_scope", $"not granted to this client: {string.Join(' ', notGranted)} (scope lists roles)");
            }
            roles = requested;
        }

        var token = issuer.Issue(client, roles);
        logger.LogInformation("Token issued to client {ClientId} (region {Region}, roles {Roles})",
            client.ClientId, RegionScope.Describe(client.RegionCode), string.Join(' ', roles));
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)issuer.Lifetime.TotalSeconds });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";

    private static object PublicJwk(SecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)key);
        return new { kty = jwk.Kty, use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = jwk.Kid, n = jwk.N, e = jwk.E };
    }
}
