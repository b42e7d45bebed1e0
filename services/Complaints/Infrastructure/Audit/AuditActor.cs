using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using Grpc.Core;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Infrastructure.Audit;

/// <summary>
/// Who did something, and from where: the office client of the caller's token (client id, office, region scope,
/// roles), the connection's remote address, the User-Agent header and the W3C trace id of the current activity.
/// Build it with <see cref="FromCall"/> in a gRPC method, <see cref="FromHttp"/> elsewhere, <see cref="System"/> for the
/// service's own jobs.
/// </summary>
/// <param name="ClientId">The office client id (token <c>sub</c>); null for an anonymous caller.</param>
/// <param name="OfficeId">The office of the client, when it has one.</param>
/// <param name="Region">The client's region scope ("" = national); null when unauthenticated.</param>
/// <param name="Roles">The roles of the token.</param>
/// <param name="RemoteAddress">The connection's remote IP address (behind a proxy: what the forwarded-headers middleware set).</param>
/// <param name="UserAgent">The User-Agent header, cut to <see cref="MaxUserAgentLength"/> characters.</param>
/// <param name="TraceId">The W3C trace id (32 hex digits) of the request, to find its trace.</param>
public sealed record AuditActor(
    string? ClientId,
    string? OfficeId,
    string? Region,
    IReadOnlyList<string> Roles,
    string? RemoteAddress,
    string? UserAgent,
    string? TraceId)
{
    public const int MaxUserAgentLength = 512;

    /// <summary>The caller of a gRPC method.</summary>
    public static AuditActor FromCall(ServerCallContext context) => FromHttp(context.GetHttpContext());

    /// <summary>The caller of an HTTP request (its authenticated user, connection and headers) and the current trace.</summary>
    public static AuditActor FromHttp(HttpContext http) =>
        From(http.User, http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString(), Activity.Current);

    /// <summary>The actor from its parts; for tests and for callers without an HttpContext.</summary>
    public static AuditActor From(ClaimsPrincipal user, IPAddress? remoteAddress, string? userAgent, Activity? activity)
    {
        var authenticated = user.Identity?.IsAuthenticated == true;
        return new AuditActor(
            user.OfficeClientId(),
            authenticated ? user.FindFirst(OfficeClaims.OfficeId)?.Value : null,
            user.RegionScopeOf(),
            authenticated ? user.FindAll(OfficeClaims.Role).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToArray() : [],
            remoteAddress is null ? null : (remoteAddress.IsIPv4MappedToIPv6 ? remoteAddress.MapToIPv4() : remoteAddress).ToString(),
            string.IsNullOrEmpty(userAgent) ? null : userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
            activity is null || activity.TraceId == default ? null : activity.TraceId.ToHexString());
    }

    /// <summary>The service itself (a scheduler, a consumer), e.g. <c>System("deadline-scheduler")</c> → client id <c>system:deadline-scheduler</c>.</summary>
    public static AuditActor System(string component) =>
        new("system:" + component, null, null, [], null, null,
            Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null);
}
