namespace Oversight.Testing;

/// <summary>The notifications service as the AppHost wires it: its own national integrator client at the directory.</summary>
public sealed partial class TestSystem
{
    /// <summary>The notifications service's client id at the directory, as the AppHost wires it.</summary>
    public const string NotificationsClientId = "oversight-notifications";
}
