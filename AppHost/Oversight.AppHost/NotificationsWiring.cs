using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.AppHost;

/// <summary>
/// The notifications service's own client at the region directory: national scope, integrator role (it asks the
/// directory's routing whom to tell). Its secret is generated into the AppHost's secrets store on the first start and
/// passed to both sides; the directory registers the client (hash only) if absent, as it does the bootstrap admin.
/// Development e-mails go to a pickup folder in the AppHost's state directory.
/// </summary>
internal static class NotificationsWiring
{
    public const string ClientId = "oversight-notifications";
    private const string SecretName = "notifications-directory-secret";

    public static ResourceBuilder<ProjectResource> WithDirectoryClient(this ResourceBuilder<ProjectResource> notifications,
        ResourceBuilder<ProjectResource> directory)
    {
        var secret = notifications.Application.Secrets.Get(SecretName);
        directory.WithEnvironment("RegionDirectory__NotificationsClient__ClientId", ClientId)
            .WithEnvironment("RegionDirectory__NotificationsClient__Secret", secret);
        return notifications.WithEnvironment("Notifications__Directory__ClientId", ClientId)
            .WithEnvironment("Notifications__Directory__ClientSecret", secret)
            .WithEnvironment("Notifications__Email__PickupDirectory",
                Path.Combine(notifications.Application.Options.StateDirectory, "notifications", "mail-pickup"));
    }
}
