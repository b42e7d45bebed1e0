using System.Collections.Concurrent;
using Oversight.Dashboard.Ui;

namespace Oversight.Hosting.Resources;

/// <summary>
/// The AppHost's resources as the dashboard's pages see them: states, consoles with sequence numbers, and
/// stop/start/restart of projects and servers (held down until started again, no crash-restart meanwhile).
/// One command at a time per resource; a command runs in the background and shows in the resource's state.
/// </summary>
internal sealed class AppHostDashboardResources : IDashboardResources
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public AppHostDashboardResources(IReadOnlyList<Resource> resources, Action<string> log)
    {
        _resources = resources;
        _log = log;
        foreach (var resource in resources)
        {
            resource.StateChanged += r => Changed?.Invoke(r.Name, false);
            resource.Console.LineWritten += _ => Changed?.Invoke(resource.Name, true);
        }
    }

    public event Action<string, bool>? Changed;

    public IReadOnlyList<ResourceView> GetResources() =>
        _resources.Select(r => new ResourceView(r.Name, r.Type, r.State.ToString(), r.StateDetail, r.Pid, r.StartedAt, r.RestartCount,
            [.. r.Urls], r.Environment, r is ProjectResource or ServerResource, r.Console.Dropped)).ToList();

    public ConsoleSlice? GetConsole(string name, long after)
    {
        if (_resources.FirstOrDefault(r => r.Name == name) is not { } resource) return null;
        // Line i of a snapshot has sequence dropped + i + 1, provided nothing was dropped while it was taken.
        while (true)
        {
            var dropped = resource.Console.Dropped;
            var lines = resource.Console.Snapshot();
            if (resource.Console.Dropped != dropped) continue;
            var skip = (int)Math.Clamp(after - dropped, 0, lines.Count);
            var slice = new List<ConsoleLineView>(lines.Count - skip);
            for (var i = skip; i < lines.Count; i++) slice.Add(new ConsoleLineView(dropped + i + 1, lines[i].Timestamp, lines[i].IsError, lines[i].Text));
            return new ConsoleSlice(slice, dropped, dropped + lines.Count);
        }
    }

    public string? Execute(string name, string command)
    {
        if (_resources.FirstOrDefault(r => r.Name == name) is not { } resource) return $"No resource '{name}'.";
        Func<Task> stop, start;
        switch (resource)
        {
            case ProjectResource project: stop = project.StopProcessAsync; start = () => project.StartProcessAsync(); break;
            case ServerResource server: stop = server.StopProcessAsync; start = () => server.StartProcessAsync(); break;
            default: return $"'{name}' cannot be stopped or started from the dashboard.";
        }
        var state = resource.State;
        if (state is not (ResourceState.Healthy or ResourceState.Unhealthy or ResourceState.Running or ResourceState.Restarting
            or ResourceState.Stopped or ResourceState.FailedToStart or ResourceState.Exited))
        {
            return $"'{name}' is {state}; try again when it has settled.";
        }
        var stopped = state == ResourceState.Stopped;
        Func<Task>? work = command switch
        {
            "stop" when stopped => null,
            "stop" => stop,
            "start" when !stopped => null,
            "start" => start,
            "restart" when stopped => start,
            "restart" => async () => { await stop(); await start(); },
            _ => throw new ArgumentException($"Unknown command '{command}'.", nameof(command)),
        };
        if (work is null) return $"'{name}' is {state} already.";

        var gate = new TaskCompletionSource();
        var task = gate.Task.ContinueWith(_ => RunAsync(name, command, work)).Unwrap();
        if (!_running.TryAdd(name, task)) return $"A command on '{name}' is still running.";
        gate.SetResult();
        return null;
    }

    private async Task RunAsync(string name, string command, Func<Task> work)
    {
        try
        {
            _log($"{name}: {command} requested from the dashboard");
            await work();
        }
        catch (Exception ex)
        {
            _log($"{name}: {command} from the dashboard failed: {ex.Message}");
        }
        finally
        {
            _running.TryRemove(name, out _);
        }
    }
}
