using Oversight.Hosting.Resources;

namespace Oversight.Testing;

/// <summary>
/// A test system with the AppHost's dashboard: its OTLP receiver gets every service's traces, logs and metrics,
/// and its pages (sign-in by <see cref="DashboardResource.SignInUrl"/>) show them and the resources.
/// </summary>
public sealed partial class TestSystem
{
    // Set only around the start of one system; the builder in StartWithRedisAsync reads it.
    private static readonly AsyncLocal<bool> WithDashboard = new();

    /// <summary>Starts the named services (default: all four) with the dashboard added first, as the AppHost does.</summary>
    public static async Task<TestSystem> StartWithDashboardAsync(TestServers servers, params string[] services)
    {
        WithDashboard.Value = true;
        try
        {
            return await StartAsync(servers, services);
        }
        finally
        {
            WithDashboard.Value = false;
        }
    }

    /// <summary>The dashboard of a system started by <see cref="StartWithDashboardAsync"/>.</summary>
    public DashboardResource Dashboard => _app.Get<DashboardResource>("dashboard");
}
