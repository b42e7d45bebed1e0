using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Oversight.Hosting.Processes;
using Oversight.Hosting.Resources;

namespace Oversight.Hosting;

/// <summary>One state change of one resource, in the order they happened.</summary>
public sealed record ResourceEvent(DateTimeOffset At, string Resource, ResourceState State, string? Detail);

/// <summary>
/// Runs the declared resources: each starts once everything it waits for is ready, independent ones in
/// parallel; stopping stops the projects first, then the servers, and waits for every process.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly RunContext _context;
    private readonly ConcurrentQueue<ResourceEvent> _events = new();
    private readonly Lock _consoleGate = new();
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(DistributedApplicationOptions options, Secrets secrets, IReadOnlyList<Resource> resources)
    {
        Options = options;
        Resources = resources;
        Log = new ConsoleLog();
        _context = new RunContext(options, secrets, WriteLog);
        foreach (var resource in resources)
        {
            resource.StateChanged += r => _events.Enqueue(new ResourceEvent(DateTimeOffset.UtcNow, r.Name, r.State, r.StateDetail));
            if (options.EchoConsole) resource.Console.LineWritten += line => Echo(resource.Name, line.Text);
        }
        // The dashboard's pages show every resource and can stop and start the projects and servers.
        foreach (var dashboard in resources.OfType<DashboardResource>()) dashboard.Attach(new AppHostDashboardResources(resources, WriteLog), options);
    }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The AppHost's own log lines.</summary>
    public ConsoleLog Log { get; }

    /// <summary>Every state change so far, in order.</summary>
    public IReadOnlyList<ResourceEvent> Events => [.. _events];

    public T Get<T>(string name) where T : Resource => Resources.OfType<T>().Single(r => r.Name == name);

    /// <summary>Starts every resource; returns when all are ready, or throws the first failure after stopping the rest.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started) throw new InvalidOperationException("Already started.");
        _started = true;
        var tasks = Resources.ToDictionary(r => r, r => StartWhenDependenciesReadyAsync(r, cancellationToken));
        try
        {
            await Task.WhenAll(tasks.Values);
        }
        catch
        {
            await StopAsync();
            var failure = tasks.Values.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not DependencyFailedException);
            if (failure is not null) throw failure;
            throw;
        }
    }

    private async Task StartWhenDependenciesReadyAsync(Resource resource, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.WaitsFor.Count > 0)
            {
                resource.SetState(ResourceState.Waiting, "waiting for " + string.Join(", ", resource.WaitsFor.Select(d => d.Name)));
                try
                {
                    await Task.WhenAll(resource.WaitsFor.Select(d => d.Ready.Task));
                }
                catch (Exception)
                {
                    resource.SetState(ResourceState.FailedToStart, "a resource it waits for failed");
                    throw new DependencyFailedException();
                }
            }
            await resource.StartAsync(_context, cancellationToken);
            resource.Ready.TrySetResult();
        }
        catch (Exception ex)
        {
            resource.Ready.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Stops projects first, then the servers they use; waits for every process to end.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        WriteLog("stopping: services first, then servers");
        await Task.WhenAll(Resources.Where(r => !r.StopsLast).Select(r => r.StopAsync()));
        await Task.WhenAll(Resources.Where(r => r.StopsLast).Select(r => r.StopAsync()));
        WriteLog("stopped");
    }

    /// <summary>
    /// Starts, prints the status table (then <paramref name="readyMessage"/>'s text, when it has any), and runs
    /// until Ctrl+C or SIGTERM; then stops everything.
    /// </summary>
    public async Task<int> RunAsync(Func<string?>? readyMessage = null)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var started = DateTimeOffset.UtcNow;
        var starting = StartAsync();
        if (await Task.WhenAny(starting, stop.Task) == stop.Task)
        {
            await StopAsync();
            return 130;
        }
        try
        {
            await starting;
        }
        catch (DistributedApplicationException ex)
        {
            WriteLog(ex.Message);
            return 1;
        }

        WriteLog($"all resources ready in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");
        Echo("apphost", StatusTable.Render(Resources));
        foreach (var dashboard in Resources.OfType<DashboardResource>())
        {
            if (dashboard.SignInMessage is { } signIn) Echo("apphost", signIn);
        }
        if (readyMessage?.Invoke() is { Length: > 0 } message) Echo("apphost", message);
        await stop.Task;
        await StopAsync();
        return 0;
    }

    private void WriteLog(string message)
    {
        Log.Write(message);
        if (Options.EchoConsole) Echo("apphost", message);
    }

    private void Echo(string resource, string text)
    {
        lock (_consoleGate) System.Console.WriteLine($"[{resource}] {text}");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class DependencyFailedException : Exception;
}
