using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// The notifications service's own client at the region directory: national scope, integrator role (it asks the
/// directory's routing whom to tell). Its secret is a secret parameter passed to both sides; the directory registers the
/// client (hash only) if absent, as it does the bootstrap admin. Development e-mails go to a pickup folder in the state
/// folder.
/// </summary>
internal static class NotificationsWiring
{
    public const string ClientId = "oversight-notifications";

    /// <summary>
    /// The development switch for webhooks to loopback and private addresses: <c>--allow-private-webhooks</c> on the
    /// AppHost's command line, or <c>Oversight__AllowPrivateWebhooks=true</c> in its environment. Off by default.
    /// </summary>
    public const string AllowPrivateWebhooksKey = "Oversight:AllowPrivateWebhooks";

    public static IResourceBuilder<ProjectResource> WithDirectoryClient(this IResourceBuilder<ProjectResource> notifications,
        IResourceBuilder<ProjectResource> directory)
    {
        var builder = notifications.ApplicationBuilder;
        var secret = builder.AddStateSecret("notifications-directory-secret");
        directory.WithEnvironment("RegionDirectory__NotificationsClient__ClientId", ClientId)
            .WithEnvironment("RegionDirectory__NotificationsClient__Secret", secret);
        notifications.WithEnvironment("Notifications__Directory__ClientId", ClientId)
            .WithEnvironment("Notifications__Directory__ClientSecret", secret);
        if (bool.TryParse(builder.Configuration[AllowPrivateWebhooksKey], out var allowPrivate) && allowPrivate)
        {
            notifications.WithEnvironment("Notifications__Webhooks__AllowPrivateAddresses", "true");
        }
        if (builder.ExecutionContext.IsRunMode)
        {
            notifications.WithEnvironment("Notifications__Email__PickupDirectory",
                Path.Combine(builder.StateDirectory(), "notifications", "mail-pickup"));
        }
        return notifications;
    }
}
