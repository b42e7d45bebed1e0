using System.Diagnostics;

namespace Oversight.Hosting.Processes;

/// <summary>What to run: the executable, its arguments, environment and working folder.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }

    /// <summary>Runs the command as this user (through <c>runuser</c>); PostgreSQL refuses to run as root.</summary>
    public string? RunAsUser { get; init; }
}

/// <summary>
/// One child process in a session of its own (<c>setsid</c>), so that stopping it reaches every
/// process it spawned and a Ctrl+C in the terminal reaches only the AppHost, which then stops
/// the children in order. Output is captured line by line into a <see cref="ConsoleLog"/>.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ManagedProcess Start(ProcessSpec spec, ConsoleLog log)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (spec.RunAsUser is { } user)
        {
            info.ArgumentList.Add("runuser");
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(user);
            info.ArgumentList.Add("--");
        }
        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in spec.Environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write(e.Data, isError: true); };
        process.Exited += (_, _) =>
        {
            // Let the output readers drain before reporting the exit.
            process.WaitForExit();
            managed._exited.TrySetResult(process.ExitCode);
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the whole process group, waits up to <paramref name="grace"/>,
    /// then kills whatever of the group is left. Returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(int signal, TimeSpan grace)
    {
        if (!HasExited) Signals.SendToGroup(Pid, signal);
        var finished = await Task.WhenAny(Exited, Task.Delay(grace));
        if (finished != Exited) Signals.SendToGroup(Pid, Signals.SIGKILL);
        var code = await Exited;
        // A child may outlive the leader (runuser's child, Erlang helpers): the group must end too.
        for (var i = 0; i < 50 && Signals.IsGroupAlive(Pid); i++)
        {
            if (i == 20) Signals.SendToGroup(Pid, Signals.SIGKILL);
            await Task.Delay(100);
        }
        return code;
    }

    /// <summary>Kills the group at once, as a crash would.</summary>
    public void Kill() => Signals.SendToGroup(Pid, Signals.SIGKILL);

    public async ValueTask DisposeAsync()
    {
        if (!HasExited) await StopAsync(Signals.SIGKILL, TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
