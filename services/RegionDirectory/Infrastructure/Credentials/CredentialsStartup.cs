using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Security.Authentication;
using Oversight.Security.Credentials;
using Oversight.RegionDirectory.Infrastructure.Sites;

namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>
/// At start-up, after the schema: load (or create) the signing key and register the bootstrap admin and the
/// notifications service's client if absent; then, at the centre, a snapshot of the directory with the key for the
/// regional sites' copies (DirectorySnapshots).
/// </summary>
public static class CredentialsStartup
{
    public const string BootstrapAdminName = "Bootstrap admin";

    /// <summary>False, after one critical log line, when PostgreSQL is unreachable (the orchestrator restarts us).</summary>
    public static async Task<bool> PrepareCredentialsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CredentialsStartup));
        try
        {
            await services.GetRequiredService<SigningKeyStore>().LoadOrCreateAsync(cancellationToken);
            await RegisterBootstrapAdminAsync(services, logger, cancellationToken);
            await RegisterNotificationsClientAsync(services, cancellationToken);
            await services.GetRequiredService<DirectorySnapshots>().SendAtStartAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogCritical("Database unreachable while preparing credentials, exiting: {Reason}", ex.Message);
            return false;
        }
    }

    private static async Task RegisterBootstrapAdminAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var bootstrap = services.GetRequiredService<IOptions<BootstrapAdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(bootstrap.ClientId) || string.IsNullOrEmpty(bootstrap.Secret)) return;
        if (bootstrap.Secret.Length < 16)
        {
            logger.LogError("Bootstrap admin {ClientId} not registered: its secret must be at least 16 characters", bootstrap.ClientId);
            return;
        }

        // Only when absent: a bootstrap admin that was revoked or rotated stays as an admin left it.
        var added = await services.GetRequiredService<OfficeClientStore>().AddAsync(bootstrap.ClientId, BootstrapAdminName,
            RegionScope.National, officeId: null, [OfficeRoles.Admin], SecretHasher.Hash(bootstrap.Secret), cancellationToken);
        logger.LogInformation(added ? "Bootstrap admin client {ClientId} registered (national scope, admin role)"
            : "Bootstrap admin client {ClientId} present", bootstrap.ClientId);
    }

    /// <summary>
    /// The notifications service's own client (national scope, integrator role: it asks the routing whom to tell),
    /// registered when absent from RegionDirectory:NotificationsClient, like the bootstrap admin (the AppHost sets both).
    /// </summary>
    private static async Task RegisterNotificationsClientAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["RegionDirectory:NotificationsClient:ClientId"] is { Length: > 0 } clientId
            && configuration["RegionDirectory:NotificationsClient:Secret"] is { Length: >= 16 } secret)
        {
            await services.GetRequiredService<OfficeClientStore>().AddAsync(clientId, "Notifications service",
                RegionScope.National, officeId: null, [OfficeRoles.Integrator], SecretHasher.Hash(secret), cancellationToken);
        }
    }
}
