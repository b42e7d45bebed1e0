namespace Oversight.ServiceDefaults.Warmup;

/// <summary>
/// Work a service's first calls would otherwise do while callers wait (connections opened, keys fetched), done once
/// before it reports ready (<see cref="StartupWarmup"/>). A step that fails costs a slow first call, never a wrong one.
/// </summary>
public interface IWarmupStep
{
    /// <summary>Names the step in the log line that reports it.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
