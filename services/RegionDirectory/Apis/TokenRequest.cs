using System.Text;
using Microsoft.Extensions.Primitives;
using Oversight.Security.Credentials;

namespace Oversight.RegionDirectory.Apis;

/// <summary>
/// A client-credentials token request as RFC 6749 sends it: a form body with grant_type, and the client's
/// id and secret either in the body or in HTTP Basic (form-url-encoded, then base64), never both.
/// </summary>
public sealed record TokenRequest(string? GrantType, string? ClientId, string? ClientSecret, string? Scope, bool UsedBasic)
{
    /// <summary>The request, or the error text for <c>invalid_request</c>.</summary>
    public static async Task<(TokenRequest? Request, string? Error)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType) return (null, "the body must be application/x-www-form-urlencoded");
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The form reader's limits (1,024 fields, key and value lengths) or what it refuses to decode (a NUL, for one).
            return (null, "the form cannot be read: at most 1024 fields, and no control characters such as NUL");
        }
        foreach (var name in new[] { "grant_type", "client_id", "client_secret", "scope" })
        {
            if (form[name].Count > 1) return (null, $"{name} is given more than once");
        }

        string? basicId = null, basicSecret = null;
        var authorization = http.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseBasic(authorization["Basic ".Length..].Trim(), out basicId, out basicSecret))
            {
                return (null, "the Basic authorization header is malformed");
            }
            if (!StringValues.IsNullOrEmpty(form["client_secret"])) return (null, "client credentials are given both in the header and the body");
        }

        var request = new TokenRequest(
            GrantType: form["grant_type"].ToString(),
            ClientId: basicId ?? form["client_id"].ToString(),
            ClientSecret: basicSecret ?? form["client_secret"].ToString(),
            Scope: form["scope"].ToString(),
            UsedBasic: basicId is not null);
        foreach (var (name, value) in new[] { ("grant_type", request.GrantType), ("client_id", request.ClientId), ("client_secret", request.ClientSecret), ("scope", request.Scope) })
        {
            if (ClientCredentialText.Problem(value ?? "") is { } problem) return (null, $"{name} {problem}");
        }
        return (request, null);
    }

    private static bool TryParseBasic(string encoded, out string? clientId, out string? secret)
    {
        clientId = secret = null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':');
            if (colon < 0) return false;
            // RFC 6749 2.3.1: both parts are form-url-encoded before base64.
            clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
