using Oversight.Hosting;

namespace Oversight.AppHost;

/// <summary>The AppHost's options: where its state lives, whether to wipe it, and port offsets.</summary>
internal static class AppHostCommandLine
{
    private const string Usage = """
        Usage: Oversight.AppHost [--fresh] [--state-dir DIR] [--port-offset N] [--dashboard-unsecured]
          --fresh          wipe the state folder (all data of PostgreSQL, Redis, RabbitMQ) before starting
          --state-dir DIR  where each resource keeps its data (default: .oversight/ in the repository)
          --port-offset N  add N to every default port, to run a second copy beside the first
          --dashboard-unsecured
                           serve the dashboard's pages (port 18888) without sign-in: local development only
        Telemetry goes to OTEL_EXPORTER_OTLP_ENDPOINT when that is set for the AppHost.
        """;

    public static DistributedApplicationBuilder? CreateBuilder(string[] args)
    {
        var stateDirectory = Path.Combine(RepositoryLayout.Root, ".oversight");
        var fresh = false;
        var portOffset = 0;
        var dashboardUnsecured = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh": fresh = true; break;
                case "--dashboard-unsecured": dashboardUnsecured = true; break;
                case "--state-dir" when i + 1 < args.Length: stateDirectory = Path.GetFullPath(args[++i]); break;
                case "--port-offset" when i + 1 < args.Length && int.TryParse(args[i + 1], out portOffset): i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.\n{Usage}");
                    return null;
            }
        }

        if (fresh && Directory.Exists(stateDirectory))
        {
            Console.WriteLine($"[apphost] --fresh: deleting {stateDirectory}");
            Directory.Delete(stateDirectory, recursive: true);
        }

        var otlp = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        return new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            PortOffset = portOffset,
            DashboardUnsecured = dashboardUnsecured,
            OtlpEndpoint = string.IsNullOrEmpty(otlp) ? null : new Uri(otlp),
            OtlpProtocol = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL") ?? "grpc",
        });
    }
}
