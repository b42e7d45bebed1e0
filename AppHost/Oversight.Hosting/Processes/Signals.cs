using System.Runtime.InteropServices;

namespace Oversight.Hosting.Processes;

/// <summary>POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot send (it only has SIGKILL).</summary>
public static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>Sends a signal to every process in the group led by <paramref name="groupLeaderPid"/>.</summary>
    public static bool SendToGroup(int groupLeaderPid, int signal) => Kill(-groupLeaderPid, signal) == 0;

    /// <summary>Sends a signal to one process.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Whether a process with this id exists (signal 0 probes without sending).</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists */;

    /// <summary>Whether any process of the group still exists.</summary>
    public static bool IsGroupAlive(int groupLeaderPid) => Kill(-groupLeaderPid, 0) == 0;

    public static bool IsRoot => GetEffectiveUserId() == 0;
}
