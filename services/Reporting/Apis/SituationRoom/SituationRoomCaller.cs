using System.Security.Claims;
using Oversight.Regions;
using Oversight.Reporting.Model;
using Oversight.Security.Authentication;

namespace Oversight.Reporting.Apis.SituationRoom;

/// <summary>Who may read the situation room: a signed-in admin whose region scope covers the region asked for.</summary>
public sealed class SituationRoomCaller
{
    /// <summary>Null when the caller may go on; otherwise the refusal (401, 403 or 400), logged without the token.</summary>
    public static IResult? Check(HttpContext http, string region, ILogger logger, bool regionNeeded = true)
    {
        var caller = http.User;
        if (caller.Identity?.IsAuthenticated != true)
        {
            return Results.Problem(statusCode: 401, detail: "Sign in first: the situation room needs an admin's office client id and secret.");
        }
        if (!caller.HasOfficeRole(OfficeRoles.Admin))
        {
            logger.LogWarning("Refused situation room for client {ClientId}: requires the admin role", caller.OfficeClientId());
            return Results.Problem(statusCode: 403, detail: "Permission denied: the situation room is for admins only.");
        }
        if (!regionNeeded) return null;
        if (!RegionCode.IsValidOrNational(region))
        {
            return Results.Problem(statusCode: 400, detail: $"region: {RegionCode.RuleWithNation}");
        }
        if (!caller.CoversRegion(region))
        {
            var reason = $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(region)}";
            logger.LogWarning("Refused situation room for client {ClientId}: {Reason}", caller.OfficeClientId(), reason);
            return Results.Problem(statusCode: 403, detail: $"Permission denied: {reason}.");
        }
        return null;
    }

    /// <summary>How long the caller's token has left, from its <c>exp</c> claim.</summary>
    public static TimeSpan? ExpiresIn(ClaimsPrincipal caller) =>
        long.TryParse(caller.FindFirst("exp")?.Value, out var exp)
            ? TimeSpan.FromSeconds(Math.Max(1, exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
            : null;
}
