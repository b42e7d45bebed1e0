using Oversight.Hosting.Resources;

namespace Oversight.FaultTests.Faults;

/// <summary>
/// kill -9 of a supervised process, kept down for a while, then brought back. The hosting library's supervisor would
/// restart it after a second; holding it (StopProcessAsync right after the kill: the supervisor then waits for
/// StartProcessAsync) makes the outage long enough for the load to meet it and for /health to be read during it.
/// </summary>
internal static class KillNine
{
    /// <summary>Kills the process group with SIGKILL and holds it down; returns the pid that was killed.</summary>
    public static async Task<int?> KillAndHoldAsync(Resource target)
    {
        var pid = target.Pid;
        switch (target)
        {
            case ServerResource server:
                server.Crash();
                // The SIGTERM this sends reaches a process group already dying of the SIGKILL: it only marks it held.
                await server.StopProcessAsync();
                break;
            case ProjectResource project:
                project.Crash();
                await project.StopProcessAsync();
                break;
            default:
                throw new ArgumentException($"cannot kill {target.Name}", nameof(target));
        }
        return pid;
    }

    /// <summary>Releases the hold; returns once the process answers again (server ready, service healthy).</summary>
    public static Task BringBackAsync(Resource target) => target switch
    {
        ServerResource server => server.StartProcessAsync(TimeSpan.FromMinutes(2)),
        ProjectResource project => project.StartProcessAsync(TimeSpan.FromMinutes(2)),
        _ => throw new ArgumentException($"cannot start {target.Name}", nameof(target)),
    };
}
