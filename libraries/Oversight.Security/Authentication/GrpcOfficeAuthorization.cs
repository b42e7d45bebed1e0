using System.Security.Claims;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Oversight.Security.Authentication;

/// <summary>
/// The check a gRPC method makes before doing anything: a valid token (Unauthenticated otherwise), the role
/// and a region scope covering the region concerned (PermissionDenied naming what is missing otherwise).
/// Every refusal is logged with the client id and method, never the token.
/// </summary>
public static class GrpcOfficeAuthorization
{
    /// <summary>Returns the caller when it may act on <paramref name="regionCode"/> ("" = national) with <paramref name="role"/>; throws otherwise.</summary>
    public static ClaimsPrincipal RequireOfficeRole(this ServerCallContext context, string role, string regionCode, ILogger logger)
    {
        var caller = RequireOfficeRole(context, role, logger);
        if (!caller.CoversRegion(regionCode))
        {
            throw Refuse(context, logger, caller,
                $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(regionCode)}");
        }
        return caller;
    }

    /// <summary>
    /// Returns the caller when it holds <paramref name="role"/>, whatever its scope: for calls whose region is known
    /// only later (check it then with the overload taking a region code).
    /// </summary>
    public static ClaimsPrincipal RequireOfficeRole(this ServerCallContext context, string role, ILogger logger)
    {
        var caller = RequireAuthenticated(context, logger);
        return caller.HasOfficeRole(role) ? caller : throw Refuse(context, logger, caller, $"requires the {role} role");
    }

    /// <summary>
    /// Returns the caller when its region scope covers <paramref name="regionCode"/>, whatever its roles: for reads
    /// every office of a region may make. Throws Unauthenticated or PermissionDenied otherwise.
    /// </summary>
    public static ClaimsPrincipal RequireRegionScope(this ServerCallContext context, string regionCode, ILogger logger)
    {
        var caller = RequireAuthenticated(context, logger);
        return caller.CoversRegion(regionCode)
            ? caller
            : throw Refuse(context, logger, caller,
                $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(regionCode)}");
    }

    /// <summary>Returns the caller when it presented a valid office token; throws Unauthenticated otherwise.</summary>
    public static ClaimsPrincipal RequireAuthenticated(this ServerCallContext context, ILogger logger)
    {
        var caller = context.GetHttpContext().User;
        if (caller.Identity?.IsAuthenticated == true) return caller;

        var presented = context.RequestHeaders.Get("authorization") is not null;
        logger.LogWarning("Refused {Method}: {Reason}", context.Method, presented ? "invalid or expired bearer token" : "no bearer token");
        throw new RpcException(new Status(StatusCode.Unauthenticated,
            presented ? OfficeAuthorization.InvalidTokenMessage : OfficeAuthorization.NoTokenMessage));
    }

    private static RpcException Refuse(ServerCallContext context, ILogger logger, ClaimsPrincipal caller, string reason)
    {
        logger.LogWarning("Refused {Method} for client {ClientId}: {Reason}", context.Method, caller.OfficeClientId(), reason);
        return new RpcException(new Status(StatusCode.PermissionDenied, $"Permission denied: {reason}."));
    }
}
