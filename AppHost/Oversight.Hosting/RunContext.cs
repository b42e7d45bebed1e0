namespace Oversight.Hosting;

/// <summary>What every resource needs while it runs: where its state lives, its secrets, and how to report.</summary>
public sealed class RunContext(DistributedApplicationOptions options, Secrets secrets, Action<string> log)
{
    public DistributedApplicationOptions Options { get; } = options;

    public Secrets Secrets { get; } = secrets;

    /// <summary>Writes one line of the AppHost's own log.</summary>
    public void Log(string message) => log(message);

    /// <summary>The data folder of one resource, created on first use.</summary>
    public string DataDirectory(string resourceName) =>
        Directory.CreateDirectory(Path.Combine(Options.StateDirectory, resourceName)).FullName;
}
