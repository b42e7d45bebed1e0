using System.Reflection;
using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// The AppHost's own options, taken off the command line before Aspire reads the rest as configuration:
/// <c>--fresh</c> wipes the state folder first, <c>--state-dir DIR</c> moves it, <c>--allow-private-webhooks</c> lets
/// webhooks reach loopback and private addresses (a receiver on the developer's machine; never in production),
/// <c>--replicas N</c> or <c>--replicas NAME=N</c> runs services in several instances (<see cref="ServiceReplicas"/>),
/// <c>--site 52</c> adds a regional site for a province (<see cref="RegionalSites"/>).
/// </summary>
internal static class AppHostOptions
{
    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var rest = new List<string>();
        var fresh = false;
        var sites = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh": fresh = true; break;
                case "--allow-private-webhooks": rest.Add($"--{NotificationsWiring.AllowPrivateWebhooksKey}=true"); break;
                case "--site" when i + 1 < args.Length: rest.Add(RegionalSites.ToSetting(args[++i], sites++)); break;
                case "--replicas" when i + 1 < args.Length: rest.Add(ServiceReplicas.ToSetting(args[++i])); break;
                case "--state-dir" when i + 1 < args.Length: rest.Add($"--{LocalServer.StateDirectoryKey}={Path.GetFullPath(args[++i])}"); break;
                default: rest.Add(args[i]); break;
            }
        }
        // Its settings (appsettings.json: the dashboard's addresses) sit in the project folder, which is the content root
        // under `dotnet run` but not when eng/run.sh starts the build output from the repository's root.
        if (!rest.Any(arg => arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) && ProjectDirectory() is { } directory)
        {
            rest.InsertRange(0, ["--contentRoot", directory]);
        }
        var builder = DistributedApplication.CreateBuilder([.. rest]);
        if (fresh && builder.ExecutionContext.IsRunMode) builder.WipeState();
        return builder.PrintStartupSummary();
    }

    /// <summary>The AppHost's project folder, which the Aspire SDK records in the assembly at build time.</summary>
    private static string? ProjectDirectory() =>
        typeof(AppHostOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "apphostprojectpath")?.Value is { } path && Directory.Exists(path) ? path : null;
}
