namespace Oversight.Harness;

/// <summary>The notifications service as the AppHost wires it: its own national integrator client at the directory.</summary>
public sealed partial class TestSystem
{
    /// <summary>The notifications service's client id at the directory, as the AppHost wires it.</summary>
    public const string NotificationsClientId = "oversight-notifications";

    /// <summary>
    /// The notifications settings of the tests that watch e-mails and webhooks arrive: e-mail to the test's SMTP
    /// listener, and quick delivery retries so a failing receiver is given up on within seconds.
    /// </summary>
    public static Dictionary<string, string> QuickNotificationSettings(int smtpPort) => new()
    {
        ["Notifications__Email__Smtp__Host"] = "127.0.0.1",
        ["Notifications__Email__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications__Email__Smtp__Security"] = "None",
        ["Notifications__Email__LinkBaseUrl"] = "https://oversight.example",
        ["Notifications__Delivery__MaxAttempts"] = "3",
        ["Notifications__Delivery__BaseDelay"] = "00:00:00.200",
        ["Notifications__Delivery__AttemptTimeout"] = "00:00:05",
        ["Notifications__Delivery__PollInterval"] = "00:00:00.300",
    };
}
