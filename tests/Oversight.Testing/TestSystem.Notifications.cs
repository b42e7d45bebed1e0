using System.Security.Cryptography;
using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.Testing;

/// <summary>
/// The notifications service as the AppHost wires it (its own national integrator client at the directory, a
/// pickup folder for e-mails), plus settings a test hands in: an SMTP listener, fast retries, private webhook URLs.
/// </summary>
public sealed partial class TestSystem
{
    /// <summary>The notifications service's client id at the directory in every test system.</summary>
    public const string NotificationsClientId = "test-notifications";

    // Flows from StartWithNotificationSettingsAsync into the wiring below without changing StartAsync's signature.
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> NotificationsSettings = new();

    /// <summary>As <see cref="StartAsync"/>, with extra environment for the notifications service (<c>Notifications__...</c>).</summary>
    public static async Task<TestSystem> StartWithNotificationSettingsAsync(TestServers servers, IReadOnlyDictionary<string, string> settings,
        params string[] services)
    {
        NotificationsSettings.Value = settings;
        try
        {
            return await StartAsync(servers, services);
        }
        finally
        {
            NotificationsSettings.Value = null;
        }
    }

    internal static IReadOnlyDictionary<string, string> CurrentNotificationsSettings => NotificationsSettings.Value ?? new Dictionary<string, string>();
}

internal static class TestNotificationsWiring
{
    public static ResourceBuilder<ProjectResource> WithTestNotificationsWiring(this ResourceBuilder<ProjectResource> notifications,
        ResourceBuilder<ProjectResource> directory)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        directory.WithEnvironment("RegionDirectory__NotificationsClient__ClientId", TestSystem.NotificationsClientId)
            .WithEnvironment("RegionDirectory__NotificationsClient__Secret", secret);
        notifications.WithEnvironment("Notifications__Directory__ClientId", TestSystem.NotificationsClientId)
            .WithEnvironment("Notifications__Directory__ClientSecret", secret)
            .WithEnvironment("Notifications__Email__PickupDirectory", Path.Combine(notifications.Application.Options.StateDirectory, "mail-pickup"))
            .WithEnvironment("Notifications__CacheKeyPrefix", TestServers.NewKeyPrefix() + "notifications:");
        foreach (var (key, value) in TestSystem.CurrentNotificationsSettings) notifications.WithEnvironment(key, value);
        return notifications;
    }
}
