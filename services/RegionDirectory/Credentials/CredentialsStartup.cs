using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Security.Authentication;
using Oversight.Security.Credentials;

namespace Oversight.RegionDirectory.Credentials;

/// <summary>At start-up, after the schema: load (or create) the signing key and register the bootstrap admin if absent.</summary>
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
}
