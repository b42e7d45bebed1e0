using Oversight.Testing;

namespace Oversight.FaultTests.Faults;

/// <summary>
/// kill -9 of a process (a server with everything it started, or a service), kept down for a while, then brought back.
/// Under Aspire a killed resource stays down until it is started again, as an admin would with the dashboard's Start,
/// so the outage lasts long enough for the load to meet it and for /health to be read during it.
/// </summary>
internal static class KillNine
{
    /// <summary>Kills the process tree with SIGKILL and waits until DCP sees it gone; returns the pid that was killed.</summary>
    public static async Task<int?> KillAndHoldAsync(ResourceHandle target)
    {
        var pid = target.Pid;
        target.Crash();
        await target.WaitUntilStoppedAsync();
        return pid;
    }

    /// <summary>Starts it again; returns once it answers again (server ready, service healthy).</summary>
    public static Task BringBackAsync(ResourceHandle target) => target.StartProcessAsync(TimeSpan.FromMinutes(2));
}
