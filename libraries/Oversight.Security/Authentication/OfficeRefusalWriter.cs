using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Oversight.ServiceDefaults;

namespace Oversight.Security.Authentication;

/// <summary>
/// Answers the refusals of the authorization middleware (the deny-by-default fallback) the way each caller reads them:
/// a gRPC caller gets a gRPC status (Unauthenticated / PermissionDenied with a message), not a bare HTTP 401 that its
/// client library reports as "Bad gRPC response"; a REST caller gets ProblemDetails (RFC 9457) with 401 or 403.
/// Each refusal is logged with the client id and the method, never the token or any other header.
/// </summary>
public sealed class OfficeRefusalWriter(ILogger<OfficeRefusalWriter> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler passThrough = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await passThrough.HandleAsync(next, http, policy, result);
            return;
        }

        var method = GrpcTrailersOnly.IsGrpc(http.Request) ? http.Request.Path.Value : $"{http.Request.Method} {http.Request.Path.Value}";
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        if (!authenticated)
        {
            var presented = http.Request.Headers.Authorization.Count > 0;
            logger.LogWarning("Refused {Method}: {Reason}", method, presented ? "invalid or expired bearer token" : "no bearer token");
            await WriteAsync(http, unauthenticated: true, presented ? OfficeAuthorization.InvalidTokenMessage : OfficeAuthorization.NoTokenMessage);
            return;
        }

        logger.LogWarning("Refused {Method} for client {ClientId}: {Reason}", method, http.User.OfficeClientId(), "no office role");
        await WriteAsync(http, unauthenticated: false, OfficeAuthorization.NoRoleMessage);
    }

    private static Task WriteAsync(HttpContext http, bool unauthenticated, string message)
    {
        if (GrpcTrailersOnly.IsGrpc(http.Request))
        {
            GrpcTrailersOnly.Write(http.Response, unauthenticated ? StatusCode.Unauthenticated : StatusCode.PermissionDenied, message);
            return Task.CompletedTask;
        }

        if (unauthenticated) http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            statusCode: unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
            detail: message).ExecuteAsync(http);
    }
}
