using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Oversight.Security.Authentication;

namespace Oversight.Reporting.Infrastructure.SituationRoom;

/// <summary>
/// Exchanges an office client's id and secret for a token at the region directory's <c>POST /connect/token</c>
/// (client-credentials grant), server-side, so the secret never has to live in the browser.
/// </summary>
public sealed class DirectorySignIn(IHttpClientFactory clients, ILogger<DirectorySignIn> logger)
{
    /// <summary>The named HttpClient: service discovery resolves the directory's HTTP/1.1 endpoint.</summary>
    public const string ClientName = "situation-room-directory";
    public static readonly Uri DirectoryAddress = new("http://_http.region-directory");

    public async Task<SignInResult> ExchangeAsync(string clientId, string clientSecret, CancellationToken cancellation)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).PostAsync("/connect/token", form, cancellation);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            logger.LogWarning("Situation room sign-in unavailable, region directory unreachable: {ExceptionType}", ex.GetType().Name);
            return SignInResult.Unavailable();
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                logger.LogWarning("Situation room sign-in refused by the directory for client {ClientId}", clientId);
                return SignInResult.Refused("The region directory did not accept this client id and secret.");
            }
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Situation room sign-in unavailable, region directory answered {Status}", (int)response.StatusCode);
                return SignInResult.Unavailable();
            }
            var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
            // Read, not validated here: it came straight from the directory. Every API call validates it as usual.
            var jwt = new JsonWebToken(token);
            var roles = jwt.Claims.Where(c => c.Type == OfficeClaims.Role).Select(c => c.Value).ToList();
            if (!roles.Contains(OfficeRoles.Admin))
            {
                logger.LogWarning("Situation room sign-in refused for client {ClientId}: not an admin", clientId);
                var held = roles.Count switch { 0 => "no role", 1 => "the role " + roles[0], _ => "the roles " + string.Join(", ", roles) };
                return SignInResult.Refused($"The situation room is for admins only; client {clientId} has {held}.", forbidden: true);
            }
            return SignInResult.Accepted(token, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        }
    }
}

public sealed record SignInResult(string? Token, DateTimeOffset Expires, int Status, string? Message)
{
    public static SignInResult Accepted(string token, DateTimeOffset expires) => new(token, expires, 200, null);
    public static SignInResult Refused(string message, bool forbidden = false) => new(null, default, forbidden ? 403 : 401, message);
    public static SignInResult Unavailable() => new(null, default, 503, "The region directory is unavailable; try again shortly.");
}
