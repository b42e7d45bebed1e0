namespace Oversight.Hosting;

/// <summary>How the application runs: where its state lives, how ports are chosen, where telemetry goes.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>The folder holding every resource's data folder and the generated secrets.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Free ports at random (tests) instead of the stable defaults (the run command).</summary>
    public bool RandomPorts { get; init; }

    /// <summary>Added to every stable default port, to run a second copy beside the first.</summary>
    public int PortOffset { get; init; }

    /// <summary>Where services send OTLP telemetry (e.g. http://localhost:18889); none when null. Settable so that
    /// <see cref="DistributedApplicationBuilder.AddDashboard"/> can point the services at the AppHost's receiver.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The protocol of <see cref="OtlpEndpoint"/>: grpc or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The value services send in <c>x-otlp-api-key</c>; none when null.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>Serve the dashboard's pages without sign-in (<c>--dashboard-unsecured</c>; local development only).</summary>
    public bool DashboardUnsecured { get; init; }

    /// <summary>Echo every resource's console lines to this process's console.</summary>
    public bool EchoConsole { get; init; } = true;

    /// <summary>The repository root, where project paths are resolved.</summary>
    public string RepositoryRoot { get; init; } = RepositoryLayout.Root;

    /// <summary>The build configuration whose outputs the projects run from.</summary>
    public string BuildConfiguration { get; init; } = RepositoryLayout.BuildConfiguration;

    /// <summary>Picks a port: the stable default (plus offset), or a free one in random mode.</summary>
    public int Port(int stableDefault) => RandomPorts ? Ports.PortAllocator.FreePort() : stableDefault + PortOffset;
}
