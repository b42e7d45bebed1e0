using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// The AppHost's own options, taken off the command line before Aspire reads the rest as configuration:
/// <c>--fresh</c> wipes the state folder first, <c>--state-dir DIR</c> moves it.
/// </summary>
internal static class AppHostOptions
{
    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var rest = new List<string>();
        var fresh = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh": fresh = true; break;
                case "--state-dir" when i + 1 < args.Length: rest.Add($"--{LocalServer.StateDirectoryKey}={Path.GetFullPath(args[++i])}"); break;
                default: rest.Add(args[i]); break;
            }
        }
        var builder = DistributedApplication.CreateBuilder([.. rest]);
        if (fresh && builder.ExecutionContext.IsRunMode) builder.WipeState();
        return builder.PrintStartupSummary();
    }
}
