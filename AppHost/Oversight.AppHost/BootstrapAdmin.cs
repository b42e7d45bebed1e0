using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.AppHost;

/// <summary>
/// The first admin of the region directory: national scope, admin role. Its secret is generated into the
/// AppHost's secrets store on the first start and passed to the directory as configuration; the directory
/// registers the client (hash only) if absent. The credentials are printed once, on the start that created them.
/// </summary>
internal static class BootstrapAdmin
{
    public const string ClientId = "oversight-admin";
    private const string SecretName = "region-directory-admin-secret";

    /// <summary>Wires the credentials into the directory; returns the message to print once all is ready (null after the first start).</summary>
    public static Func<string?> WithBootstrapAdmin(this ResourceBuilder<ProjectResource> directory)
    {
        var secrets = directory.Application.Secrets;
        var createdNow = !secrets.Contains(SecretName);
        var secret = secrets.Get(SecretName);
        directory.WithEnvironment("RegionDirectory__BootstrapAdmin__ClientId", ClientId)
            .WithEnvironment("RegionDirectory__BootstrapAdmin__Secret", secret);

        var stateDirectory = directory.Application.Options.StateDirectory;
        var tokenUrl = directory.Resource.Endpoint("http").Url + "/connect/token";
        return () => createdNow ? $"""
            bootstrap admin created; this is the only time it is printed (the secret stays in {Path.Combine(stateDirectory, "secrets.json")}):
              client_id      {ClientId}
              client_secret  {secret}
              get a token:   curl -s -u {ClientId}:{secret} -d grant_type=client_credentials {tokenUrl}
            """ : null;
    }
}
