using Oversight.Hosting.Ports;
using Oversight.Hosting.Processes;

namespace Oversight.Hosting.Resources;

/// <summary>
/// A server run from a Debian package's executable (PostgreSQL, Redis, RabbitMQ): prepared once in its
/// data folder, started in its own process group, and ready only when it answers a real request.
/// </summary>
public abstract class ServerResource(string name) : Resource(name)
{
    private ManagedProcess? _process;

    /// <summary>The Debian package that provides <see cref="Executable"/>, named in the error when it is missing.</summary>
    protected abstract string DebianPackage { get; }

    /// <summary>Full path of the server's executable.</summary>
    protected abstract string Executable { get; }

    /// <summary>The ports it listens on, checked before start.</summary>
    protected abstract IEnumerable<int> Ports { get; }

    /// <summary>The signal that stops it quickly but cleanly.</summary>
    protected virtual int StopSignal => Signals.SIGTERM;

    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    /// <summary>Creates or updates the data folder and configuration; returns what to run.</summary>
    protected abstract Task<ProcessSpec> PrepareAsync(RunContext context, string dataDirectory, CancellationToken cancellationToken);

    /// <summary>One readiness attempt: a real request (a query, a PING, an AMQP connection); throws if not ready.</summary>
    protected abstract Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Work once ready, such as creating databases; runs before dependants start.</summary>
    protected virtual Task OnReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        SetState(ResourceState.Starting);
        if (!File.Exists(Executable))
        {
            throw Fail($"{Executable} is missing: install the Debian package '{DebianPackage}' (sudo apt-get install -y {DebianPackage}).");
        }

        var dataDirectory = context.DataDirectory(Name);
        StopLeftoverFromEarlierRun(context, dataDirectory);
        foreach (var port in Ports) PortAllocator.EnsureFree(port, Name);

        var spec = await PrepareAsync(context, dataDirectory, cancellationToken);
        Environment = spec.Environment;
        _process = ManagedProcess.Start(spec, Console);
        Pid = _process.Pid;
        StartedAt = DateTimeOffset.UtcNow;
        File.WriteAllText(PidFile(dataDirectory), _process.Pid.ToString());
        SetState(ResourceState.Running);

        await WaitUntilReadyAsync(cancellationToken);
        await OnReadyAsync(cancellationToken);
        SetState(ResourceState.Healthy);
        _ = ReportUnexpectedExitAsync(_process);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        string lastError = "no answer yet";
        while (true)
        {
            if (_process!.HasExited)
            {
                throw Fail($"exited with code {_process.Exited.Result} before it was ready. Last lines of its log:\n  "
                    + string.Join("\n  ", Console.Tail(15)));
            }
            try
            {
                await ProbeAsync(timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = ex.Message;
                if (timeout.IsCancellationRequested)
                {
                    throw Fail($"not ready after {StartTimeout.TotalSeconds:0} s ({lastError}). Last lines of its log:\n  "
                        + string.Join("\n  ", Console.Tail(15)));
                }
            }
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task ReportUnexpectedExitAsync(ManagedProcess process)
    {
        var code = await process.Exited;
        if (State is not (ResourceState.Stopping or ResourceState.Stopped))
        {
            SetState(ResourceState.Exited, $"exited unexpectedly with code {code}");
        }
    }

    /// <summary>Stops this server's process (used by fault tests to simulate a crash when <paramref name="crash"/>).</summary>
    public async Task StopProcessAsync(bool crash)
    {
        if (_process is null) return;
        if (crash) _process.Kill();
        await _process.StopAsync(StopSignal, TimeSpan.FromSeconds(20));
    }

    internal override async Task StopAsync()
    {
        if (_process is null || State is ResourceState.Stopped) return;
        if (State is ResourceState.FailedToStart)
        {
            // Keep the reason it failed on show; just make sure nothing of it is left running.
            await _process.StopAsync(StopSignal, TimeSpan.FromSeconds(5));
            return;
        }
        SetState(ResourceState.Stopping);
        var code = await _process.StopAsync(StopSignal, TimeSpan.FromSeconds(20));
        SetState(ResourceState.Stopped, $"exit code {code}");
    }

    private DistributedApplicationException Fail(string reason)
    {
        SetState(ResourceState.FailedToStart, reason);
        return new DistributedApplicationException($"'{Name}' could not start: {reason}");
    }

    private static string PidFile(string dataDirectory) => Path.Combine(dataDirectory, "oversight.pid");

    /// <summary>
    /// An AppHost that was killed (kill -9) cannot stop its children; the next run finds the pid it
    /// recorded and stops that process group, so the data folder and the ports are free again.
    /// </summary>
    private void StopLeftoverFromEarlierRun(RunContext context, string dataDirectory)
    {
        var pidFile = PidFile(dataDirectory);
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out var pid)) return;
        if (Signals.IsGroupAlive(pid))
        {
            context.Log($"{Name}: stopping process group {pid} left over from an earlier run");
            Signals.SendToGroup(pid, Signals.SIGKILL);
            for (var i = 0; i < 50 && Signals.IsGroupAlive(pid); i++) Thread.Sleep(100);
        }
        File.Delete(pidFile);
    }
}
