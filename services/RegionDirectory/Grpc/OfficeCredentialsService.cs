using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.Contracts.OfficeCredentials;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model;
using Oversight.Regions;
using Oversight.Security.Authentication;
using Oversight.Security.Credentials;
using Oversight.RegionDirectory.Infrastructure.Credentials;
using Oversight.RegionDirectory.Model.Credentials;

namespace Oversight.RegionDirectory.Grpc;

/// <summary>
/// Administration of office clients. Every call needs the admin role and a region scope covering the client
/// concerned, so an admin can never give out (or take away) more than its own scope.
/// </summary>
public sealed class OfficeCredentialsService(
    OfficeClientStore clients,
    RegionRepository regions,
    OfficeQueries offices,
    ILogger<OfficeCredentialsService> logger)
    : OfficeCredentials.OfficeCredentialsBase
{
    private const int MaxDisplayName = 200;

    public override async Task<ClientSecretReply> RegisterClient(RegisterClientRequest request, ServerCallContext context)
    {
        RequireAdmin(context);
        var displayName = request.DisplayName.Trim();
        var officeId = request.OfficeId.Trim();
        var roles = request.Roles.Select(r => r.Trim()).Distinct().ToArray();

        var errors = new List<string>();
        if (displayName.Length == 0) errors.Add("display_name: is required");
        if (displayName.Length > MaxDisplayName) errors.Add($"display_name: must be at most {MaxDisplayName} characters");
        if (officeId.Length > 0 && !Guid.TryParse(officeId, out _)) errors.Add("office_id: must be the id (a UUID) of an office of the directory, or empty");
        if (roles.Length == 0) errors.Add($"roles: at least one of {string.Join(", ", OfficeRoles.All)}");
        foreach (var unknown in roles.Where(r => !OfficeRoles.IsKnown(r)))
        {
            errors.Add($"roles: unknown role '{unknown}' (known: {string.Join(", ", OfficeRoles.All)})");
        }
        if (!RegionCode.IsValidOrNational(request.RegionCode))
        {
            errors.Add($"region_code: {RegionCode.Rule}, or empty for national scope");
        }
        else if (request.RegionCode != RegionScope.National
            && await WithDatabaseAsync("Region lookup", () => regions.FindAsync(request.RegionCode, context.CancellationToken)) is null)
        {
            errors.Add($"region_code: no region with code {request.RegionCode}");
        }
        if (errors.Count > 0) throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));

        var caller = context.RequireOfficeRole(OfficeRoles.Admin, request.RegionCode, logger);
        if (officeId.Length > 0) await RequireBindableOfficeAsync(Guid.Parse(officeId), request.RegionCode, context);

        var secret = ClientCredentialGenerator.NewSecret();
        var clientId = ClientCredentialGenerator.NewClientId();
        await WithDatabaseAsync("Client registration", () => clients.AddAsync(clientId, displayName, request.RegionCode,
            officeId.Length == 0 ? null : officeId, roles, SecretHasher.Hash(secret), context.CancellationToken));
        logger.LogInformation("Client {ClientId} registered by {Admin} (region {Region}, roles {Roles})",
            clientId, caller.OfficeClientId(), RegionScope.Describe(request.RegionCode), string.Join(' ', roles));

        var stored = await WithDatabaseAsync("Client lookup", () => clients.FindAsync(clientId, context.CancellationToken));
        return new ClientSecretReply { Client = ToMessage(stored!), ClientSecret = secret };
    }

    public override async Task<ListClientsReply> ListClients(ListClientsRequest request, ServerCallContext context)
    {
        var caller = RequireAdmin(context);
        var scope = caller.RegionScopeOf();
        var all = await WithDatabaseAsync("Client listing", () => clients.ListAsync(request.IncludeRevoked, context.CancellationToken));
        var reply = new ListClientsReply();
        reply.Clients.AddRange(all.Where(c => RegionScope.Covers(scope, c.RegionCode)).Select(ToMessage));
        return reply;
    }

    public override async Task<OfficeClient> RevokeClient(RevokeClientRequest request, ServerCallContext context)
    {
        var caller = RequireAdmin(context);
        await FindWithinScopeAsync(request.ClientId, context);
        var revoked = await WithDatabaseAsync("Client revocation", () => clients.RevokeAsync(request.ClientId, context.CancellationToken));
        logger.LogInformation("Client {ClientId} revoked by {Admin}", request.ClientId, caller.OfficeClientId());
        return ToMessage(revoked!);
    }

    public override async Task<ClientSecretReply> RotateSecret(RotateSecretRequest request, ServerCallContext context)
    {
        var caller = RequireAdmin(context);
        var client = await FindWithinScopeAsync(request.ClientId, context);
        if (client.Revoked)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"client_id: client {client.ClientId} is revoked"));
        }

        var secret = ClientCredentialGenerator.NewSecret();
        var replaced = await WithDatabaseAsync("Secret rotation", () => clients.ReplaceSecretAsync(client.ClientId, SecretHasher.Hash(secret), context.CancellationToken));
        if (!replaced) throw new RpcException(new Status(StatusCode.FailedPrecondition, $"client_id: client {client.ClientId} is revoked"));
        logger.LogInformation("Secret of client {ClientId} rotated by {Admin}", client.ClientId, caller.OfficeClientId());
        return new ClientSecretReply { Client = ToMessage(client), ClientSecret = secret };
    }

    /// <summary>
    /// A client bound to an office acts as that office (its inbox, its complaints): the office must exist, lie within the
    /// registering admin's scope (PermissionDenied otherwise) and within the client's own region (InvalidArgument).
    /// </summary>
    private async Task RequireBindableOfficeAsync(Guid officeId, string clientRegion, ServerCallContext context)
    {
        var office = await WithDatabaseAsync("Office lookup", () => offices.FindOfficeAsync(officeId, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"office_id: no office {officeId}"));
        var officeRegion = office.RegionCode ?? RegionScope.National;
        context.RequireOfficeRole(OfficeRoles.Admin, officeRegion, logger);
        if (!RegionScope.Covers(clientRegion, officeRegion))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"office_id: office {officeId} is in region {RegionScope.Describe(officeRegion)}, outside the client's region_code {RegionScope.Describe(clientRegion)}"));
        }
    }

    // The role first; the scope once the client's region is known.
    private System.Security.Claims.ClaimsPrincipal RequireAdmin(ServerCallContext context) =>
        context.RequireOfficeRole(OfficeRoles.Admin, logger);

    private async Task<OfficeClientRecord> FindWithinScopeAsync(string clientId, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(clientId)) throw new RpcException(new Status(StatusCode.InvalidArgument, "client_id: is required"));
        var client = await WithDatabaseAsync("Client lookup", () => clients.FindAsync(clientId, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"client_id: no client {clientId}"));
        context.RequireOfficeRole(OfficeRoles.Admin, client.RegionCode, logger);
        return client;
    }

    private Task<T> WithDatabaseAsync<T>(string what, Func<Task<T>> call) =>
        logger.CallDatabaseAsync("region directory database", what, call);

    private static OfficeClient ToMessage(OfficeClientRecord record)
    {
        var message = new OfficeClient
        {
            ClientId = record.ClientId,
            DisplayName = record.DisplayName,
            RegionCode = record.RegionCode,
            OfficeId = record.OfficeId ?? "",
            CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.CreatedAt, DateTimeKind.Utc)),
            Revoked = record.Revoked,
        };
        message.Roles.AddRange(record.Roles);
        if (record.RevokedAt is { } revokedAt) message.RevokedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(revokedAt, DateTimeKind.Utc));
        return message;
    }
}
