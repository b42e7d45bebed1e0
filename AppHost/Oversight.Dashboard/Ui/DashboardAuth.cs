using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Oversight.Dashboard.Ui;

/// <summary>
/// Sign-in for the pages, like Aspire's browser token: the AppHost prints <c>/login?t=TOKEN</c>; a right token
/// sets an HttpOnly, SameSite=Strict cookie holding a separate per-run session value, and redirects to <c>/</c>.
/// Without the cookie, pages redirect to the sign-in page and APIs answer 401. Changes (every method but GET and
/// HEAD) also need the <c>X-Dashboard: 1</c> header, which a cross-site form or image cannot send, and an
/// <c>Origin</c>, when sent, of this very host. On a loopback listener only loopback host names are served
/// (no DNS rebinding). Unsecured mode drops the cookie check only.
/// </summary>
public sealed class DashboardAuth
{
    public const string CookieName = "oversight_dashboard";
    public const string AntiForgeryHeader = "X-Dashboard";

    private readonly byte[] _tokenHash;
    private readonly byte[] _sessionHash;
    private readonly string _session;

    public DashboardAuth(string browserToken, bool unsecured, bool loopbackOnly)
    {
        if (string.IsNullOrEmpty(browserToken)) throw new ArgumentException("The browser token must not be empty.", nameof(browserToken));
        BrowserToken = browserToken;
        Unsecured = unsecured;
        LoopbackOnly = loopbackOnly;
        _tokenHash = Hash(browserToken);
        _session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessionHash = Hash(_session);
    }

    public string BrowserToken { get; }

    public bool Unsecured { get; }

    public bool LoopbackOnly { get; }

    public bool IsValidToken(string? token) => token is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Hash(token), _tokenHash);

    public bool IsSignedIn(HttpContext context) =>
        Unsecured || (context.Request.Cookies[CookieName] is { Length: > 0 } c && CryptographicOperations.FixedTimeEquals(Hash(c), _sessionHash));

    public void SignIn(HttpContext context) =>
        context.Response.Cookies.Append(CookieName, _session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

    /// <summary>The checks every request on the UI port passes first; false when the response was written.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (LoopbackOnly && !IsLoopbackHost(request.Host.Host))
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, "The dashboard answers on localhost only.");
            return false;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            var origin = request.Headers.Origin.ToString();
            if (request.Headers[AntiForgeryHeader] != "1"
                || (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)))
            {
                await PlainAsync(context, StatusCodes.Status403Forbidden, $"Changes need the {AntiForgeryHeader}: 1 header and a same-origin request.");
                return false;
            }
        }
        var path = request.Path;
        if (path.StartsWithSegments("/login") || path.StartsWithSegments("/static") || IsSignedIn(context)) return true;
        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "Sign in first: open the /login?t=... URL the AppHost printed." });
            return false;
        }
        context.Response.Redirect("/login");
        return false;
    }

    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static async Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message);
    }
}
