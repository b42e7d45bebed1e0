using Oversight.Hosting.Ports;
using Oversight.Hosting.Processes;

namespace Oversight.Hosting.Resources;

/// <summary>
/// A server run from a Debian package's executable (PostgreSQL, Redis, RabbitMQ): prepared once in its
/// data folder, started in its own process group, ready only when it answers a real request, and
/// restarted with backoff when it dies unasked (a crash, an OOM kill, a kill -9 by a fault test).
/// </summary>
public abstract class ServerResource(string name) : Resource(name)
{
    private readonly CancellationTokenSource _stopping = new();
    private ManagedProcess? _process;
    private RunContext? _context;
    private Task? _supervisor;
    // Set while an admin or a test holds the server down: its exit is then not a crash to recover from.
    private TaskCompletionSource? _heldDown;

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
        _context = context;
        SetState(ResourceState.Starting);
        if (!File.Exists(Executable))
        {
            throw Fail($"{Executable} is missing: install the Debian package '{DebianPackage}' (sudo apt-get install -y {DebianPackage}).");
        }
        StopLeftoverFromEarlierRun(context, context.DataDirectory(Name));
        await LaunchAsync(cancellationToken);
        _supervisor = SuperviseAsync();
    }

    // Prepare (idempotent: creates on first run, refreshes the configuration after), start, wait until it answers.
    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = _context!.DataDirectory(Name);
        foreach (var port in Ports) PortAllocator.EnsureFree(port, Name);

        var spec = await PrepareAsync(_context, dataDirectory, cancellationToken);
        Environment = spec.Environment;
        _process = ManagedProcess.Start(spec, Console);
        Pid = _process.Pid;
        StartedAt = DateTimeOffset.UtcNow;
        File.WriteAllText(PidFile(dataDirectory), _process.Pid.ToString());
        SetState(ResourceState.Running);

        await WaitUntilReadyAsync(cancellationToken);
        await OnReadyAsync(cancellationToken);
        SetState(ResourceState.Healthy);
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

    /// <summary>Brings the server back, with the projects' backoff (1, 2, 4 ... 30 s), whenever it exits unasked.</summary>
    private async Task SuperviseAsync()
    {
        var attempt = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var code = await _process!.Exited.WaitAsync(_stopping.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (int?)null);
            if (code is null) return;
            if (_heldDown is { } hold)
            {
                // Stopped on purpose: wait until released, then start again at once.
                if (!await WaitAsync(hold.Task)) return;
                attempt = 0;
            }
            else
            {
                if (StartedAt < DateTimeOffset.UtcNow.AddMinutes(-1)) attempt = 0;
                attempt++;
                var delay = ProjectResource.RestartDelay(attempt);
                var message = $"exited unexpectedly with code {code}; restart {attempt} in {delay.TotalSeconds:0} s";
                SetState(ResourceState.Restarting, message);
                _context!.Log($"{Name}: {message}");
                if (!await WaitAsync(Task.Delay(delay, _stopping.Token))) return;
            }
            try
            {
                if (attempt > 0) RestartCount++;
                await LaunchAsync(_stopping.Token);
                _context!.Log($"{Name}: restarted (pid {Pid}) and ready");
            }
            catch (OperationCanceledException) { return; }
            catch (DistributedApplicationException ex)
            {
                // Fail() set FailedToStart with the reason. A process that runs but never answered is killed, so the
                // next round of the loop sees it exit and tries again after the backoff.
                _context!.Log(ex.Message);
                _process?.Kill();
            }
        }
    }

    private async Task<bool> WaitAsync(Task task)
    {
        try
        {
            await task.WaitAsync(_stopping.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the server as a crash would (SIGKILL to its process group); the supervisor restarts it.</summary>
    public void Crash() => _process?.Kill();

    /// <summary>Stops the server and keeps it down (no restart) until <see cref="StartProcessAsync"/>: for fault tests and the dashboard.</summary>
    public async Task StopProcessAsync()
    {
        if (_process is null) return;
        _heldDown ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SetState(ResourceState.Stopping);
        var code = await _process.StopAsync(StopSignal, TimeSpan.FromSeconds(20));
        SetState(ResourceState.Stopped, $"stopped on request, exit code {code}");
    }

    /// <summary>Starts a server held down by <see cref="StopProcessAsync"/> again; returns once it is ready.</summary>
    public async Task StartProcessAsync(TimeSpan? within = null)
    {
        if (Interlocked.Exchange(ref _heldDown, null) is not { } hold) return;
        hold.SetResult();
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while (State != ResourceState.Healthy)
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{Name} not ready again: {State} {StateDetail}");
            await Task.Delay(100);
        }
    }

    internal override async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_supervisor is not null) await _supervisor;
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
