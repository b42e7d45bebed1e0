using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Oversight.Reporting.Apis.SituationRoom;

/// <summary>
/// The situation room's sign-in cookie: the admin's office token, HttpOnly (no script reads it) and SameSite=Strict
/// (no other site's page can make the browser send it). JwtBearer reads it only for the page's own API paths,
/// so the gRPC/REST reports keep needing an Authorization header.
/// </summary>
public static class SituationRoomCookie
{
    public const string Name = "oversight_situation_room";
    public const string PagePath = "/situation-room";
    public const string ApiPath = PagePath + "/api";

    public static void Configure(JwtBearerOptions options)
    {
        var previous = options.Events?.OnMessageReceived;
        options.Events ??= new JwtBearerEvents();
        options.Events.OnMessageReceived = async context =>
        {
            if (previous is not null) await previous(context);
            var request = context.Request;
            if (context.Token is null && request.Headers.Authorization.Count == 0
                && request.Path.StartsWithSegments(ApiPath)
                && request.Cookies.TryGetValue(Name, out var token) && token.Length > 0)
            {
                context.Token = token;
            }
        };
    }

    public static void Set(HttpResponse response, string token, DateTimeOffset expires, bool https) =>
        response.Cookies.Append(Name, token, Options(expires, https));

    public static void Clear(HttpResponse response, bool https) =>
        response.Cookies.Delete(Name, Options(null, https));

    private static CookieOptions Options(DateTimeOffset? expires, bool https) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Secure whenever the page came over HTTPS; the AppHost serves loopback HTTP only, where Secure would drop it.
        Secure = https,
        Path = PagePath,
        Expires = expires,
        IsEssential = true,
    };
}
