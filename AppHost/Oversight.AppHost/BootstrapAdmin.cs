using Microsoft.Extensions.Logging;
using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// The first admin of the region directory: national scope, admin role. Its secret is a secret parameter generated on
/// the first start (kept in the state folder's secrets.json); the directory registers the client (hash only) if absent.
/// The credentials are printed once, when the directory is first ready after the start that created them.
/// </summary>
internal static class BootstrapAdmin
{
    public const string ClientId = "oversight-admin";
    private const string SecretName = "region-directory-admin-secret";

    public static IResourceBuilder<ProjectResource> WithBootstrapAdmin(this IResourceBuilder<ProjectResource> directory)
    {
        var builder = directory.ApplicationBuilder;
        var secret = builder.AddStateSecret(SecretName);
        directory.WithEnvironment("RegionDirectory__BootstrapAdmin__ClientId", ClientId)
            .WithEnvironment("RegionDirectory__BootstrapAdmin__Secret", secret)
            .WithAnnotation(new BootstrapAdminAnnotation(secret.Resource));
        if (!builder.CreatedSecretNow(SecretName)) return directory;

        return directory.OnResourceReady(async (resource, @event, ct) =>
        {
            var value = await secret.Resource.GetValueAsync(ct);
            var tokenUrl = $"{resource.GetEndpoint("http").Url}/connect/token";
            var message = $"""

                bootstrap admin created; this is the only time it is printed (the secret stays in {Path.Combine(builder.StateDirectory(), "secrets.json")}):
                  client_id      {ClientId}
                  client_secret  {value}
                  get a token:   curl -s -u {ClientId}:{value} -d grant_type=client_credentials {tokenUrl}

                """;
            // On the AppHost's console (where eng/run.sh shows it), not in the resource's logs, which the dashboard keeps.
            Console.WriteLine(message);
        });
    }
}

/// <summary>
/// Marks the resource that registers the bootstrap admin (the region directory) and holds its secret, so that the
/// dashboard's admin commands can sign in as it (<see cref="Commands.AdminToken"/>).
/// </summary>
internal sealed class BootstrapAdminAnnotation(ParameterResource secret) : IResourceAnnotation
{
    public ParameterResource Secret { get; } = secret;
}
