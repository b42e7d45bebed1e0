using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.Harness;

/// <summary>One line a resource printed, as the AppHost's log service streamed it, and the instance (DCP's id) that printed it.</summary>
public sealed record ConsoleLine(bool IsError, string Text, string InstanceId);

/// <summary>
/// A test's hold on one resource of a running Aspire application: what it printed, its process, and the stop, start and
/// kill -9 that outage tests need. Stop and start are the dashboard's own commands; a crash is a SIGKILL to the process
/// and everything it started, after which the resource stays down, as under Aspire, until <see cref="StartProcessAsync"/>.
/// </summary>
public sealed class ResourceHandle : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly List<ConsoleLine> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _consoleWatchers = [];
    private readonly Task _stateWatcher;
    // The latest state of each instance (one, or one per replica), by DCP's resource id.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CustomResourceSnapshot> _instances = new();

    public ResourceHandle(DistributedApplication app, IResource resource)
    {
        _app = app;
        Resource = resource;
        _stateWatcher = WatchStateAsync();
    }

    public IResource Resource { get; }

    public string Name => Resource.Name;

    /// <summary>The environment the resource was started with, read once it runs (connection strings, settings).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <summary>The program the resource's process runs (a service's build output), read once it runs.</summary>
    public string ExecutablePath { get; private set; } = "";

    /// <summary>Every line printed so far.</summary>
    public IReadOnlyList<ConsoleLine> ConsoleSnapshot()
    {
        lock (_lines) return [.. _lines];
    }

    /// <summary>Returns the console lines once one contains <paramref name="text"/>; fails after <paramref name="within"/> (default 10 s).</summary>
    public Task<IReadOnlyList<string>> WaitForLineAsync(string text, TimeSpan? within = null) =>
        Eventually.HoldsAsync(
            () => Task.FromResult<IReadOnlyList<string>>(ConsoleSnapshot().Select(l => l.Text).ToList()),
            lines => lines.Any(l => l.Contains(text, StringComparison.Ordinal)),
            within ?? TimeSpan.FromSeconds(10), $"a line of {Name} containing \"{text}\"");

    /// <summary>
    /// Returns once every instance of the resource (one, or one per replica) printed a line containing
    /// <paramref name="text"/>; fails after <paramref name="within"/>.
    /// </summary>
    public Task WaitForLineInEveryInstanceAsync(string text, TimeSpan within) =>
        Eventually.HoldsAsync(
            () => Task.FromResult<IReadOnlyList<string>>([.. InstanceIds.Where(id =>
                !ConsoleSnapshot().Any(l => l.InstanceId == id && l.Text.Contains(text, StringComparison.Ordinal)))]),
            silent => silent.Count == 0, within, $"a line of every instance of {Name} containing \"{text}\"");

    /// <summary>The process id DCP reports for the resource (its first instance) now, if it runs.</summary>
    public int? Pid => InstanceIds.Select(PidOf).FirstOrDefault(pid => pid is not null);

    /// <summary>DCP's ids of the resource's instances (more than one with replicas).</summary>
    public IReadOnlyList<string> InstanceIds => [.. _instances.Keys.Order()];

    /// <summary>The process id of one instance, if it runs.</summary>
    public int? PidOf(string instanceId) =>
        _instances.TryGetValue(instanceId, out var snapshot)
            ? snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
            {
                int pid => pid,
                long pid => (int)pid,
                string text when int.TryParse(text, out var pid) => pid,
                _ => null,
            }
            : null;

    /// <summary>The URL of one of the resource's endpoints (e.g. "http", "grpc").</summary>
    public Uri Endpoint(string name) => ((IResourceWithEndpoints)Resource).GetEndpoint(name).Url is { } url
        ? new Uri(url)
        : throw new InvalidOperationException($"{Name} has no allocated endpoint '{name}'.");

    /// <summary>Kills the process (of one instance; default the first) and everything it started with SIGKILL, as a crash would.</summary>
    public void Crash(string? instanceId = null)
    {
        if ((instanceId is null ? Pid : PidOf(instanceId)) is { } pid) ProcessTree.Kill(pid);
    }

    /// <summary>Stops the resource with the dashboard's Stop command, and waits until it has stopped.</summary>
    public async Task StopProcessAsync(string? instanceId = null)
    {
        var id = instanceId ?? InstanceIds[0];
        await ExecuteAsync(id, KnownResourceCommands.StopCommand);
        await WaitForStateAsync(id, IsTerminal, TimeSpan.FromSeconds(60), "stopped");
    }

    /// <summary>Starts a stopped or crashed resource (one instance; default the first) again with the dashboard's Start command; returns once it is healthy.</summary>
    public async Task StartProcessAsync(TimeSpan? within = null, string? instanceId = null)
    {
        var id = instanceId ?? InstanceIds[0];
        await WaitForStateAsync(id, IsTerminal, TimeSpan.FromSeconds(60), "stopped before the start");
        await ExecuteAsync(id, KnownResourceCommands.StartCommand);
        await WaitForStateAsync(id, s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
            within ?? TimeSpan.FromSeconds(90), "healthy again");
    }

    /// <summary>Whether the resource (its first instance) is stopped now: exited, finished or never started.</summary>
    public bool IsStopped => InstanceIds.Count > 0 && _instances.TryGetValue(InstanceIds[0], out var snapshot) && IsTerminal(snapshot);

    /// <summary>Returns once the resource (one instance; default the first) has stopped, e.g. after <see cref="Crash"/>.</summary>
    public Task WaitUntilStoppedAsync(TimeSpan? within = null, string? instanceId = null) =>
        WaitForStateAsync(instanceId ?? InstanceIds[0], IsTerminal, within ?? TimeSpan.FromSeconds(60), "stopped");

    private static bool IsTerminal(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);

    /// <summary>Kills the process (<see cref="Crash"/>) and starts it again, as a supervisor would; returns once it is healthy.</summary>
    public async Task CrashAndRestartAsync(TimeSpan? within = null, string? instanceId = null)
    {
        Crash(instanceId);
        await StartProcessAsync(within, instanceId);
    }

    /// <summary>Reads the environment of the running process, which is exactly what DCP started it with.</summary>
    internal async Task ReadEnvironmentAsync()
    {
        if (Pid is not { } pid) throw new InvalidOperationException($"{Name} has no process");
        ExecutablePath = new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";
        var raw = await File.ReadAllTextAsync($"/proc/{pid}/environ");
        Environment = raw.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    private async Task ExecuteAsync(string instanceId, string command)
    {
        var result = await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(instanceId, command);
        if (!result.Success) throw new InvalidOperationException($"{command} on {instanceId} failed: {result.Message}");
    }

    private async Task WatchStateAsync()
    {
        try
        {
            await foreach (var resourceEvent in _app.ResourceNotifications.WatchAsync(_stop.Token))
            {
                if (resourceEvent.Resource.Name != Name) continue;
                // DCP keeps each instance's console under its own id: watch each one as it appears.
                if (_instances.TryAdd(resourceEvent.ResourceId, resourceEvent.Snapshot))
                {
                    lock (_consoleWatchers) _consoleWatchers.Add(WatchConsoleAsync(resourceEvent.ResourceId));
                }
                _instances[resourceEvent.ResourceId] = resourceEvent.Snapshot;
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task WaitForStateAsync(string instanceId, Func<CustomResourceSnapshot, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!(_instances.TryGetValue(instanceId, out var snapshot) && condition(snapshot)))
        {
            if (DateTime.UtcNow > deadline)
            {
                _instances.TryGetValue(instanceId, out var last);
                throw new TimeoutException($"{instanceId} not {what} within {within.TotalSeconds:0} s: {last?.State?.Text} {last?.HealthStatus}");
            }
            await Task.Delay(100);
        }
    }

    private async Task WatchConsoleAsync(string instanceId)
    {
        try
        {
            var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
            await foreach (var batch in logs.WatchAsync(instanceId).WithCancellation(_stop.Token))
            {
                lock (_lines) _lines.AddRange(batch.Select(line => new ConsoleLine(line.IsErrorMessage, line.Content, instanceId)));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] watchers;
        lock (_consoleWatchers) watchers = [.. _consoleWatchers];
        foreach (var watcher in watchers) await watcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stateWatcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
