namespace Oversight.LoadGen.Probes;

/// <summary>The fields of a /proc/&lt;pid&gt;/stat line the CPU sampler needs: parent pid, CPU ticks (user + system), threads.</summary>
public readonly record struct ProcStat(int Pid, string Command, int ParentPid, long CpuTicks, int Threads = 0)
{
    /// <summary>
    /// Parses a stat line. The command name sits in parentheses and may itself hold spaces and ')', so the fields
    /// are counted from the last ')': state, ppid, ... utime is field 14 and stime field 15 of the line (proc(5)).
    /// </summary>
    public static ProcStat? Parse(string line)
    {
        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open || !int.TryParse(line.AsSpan(0, open).Trim(), out var pid)) return null;
        var rest = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state): field n is rest[n - 3].
        if (rest.Length < 13 || !int.TryParse(rest[1], out var ppid) || !long.TryParse(rest[11], out var utime) || !long.TryParse(rest[12], out var stime))
            return null;
        // num_threads is field 20: a .NET process whose count climbs under load is starving its thread pool.
        var threads = rest.Length > 17 && int.TryParse(rest[17], out var n) ? n : 0;
        return new ProcStat(pid, line[(open + 1)..close], ppid, utime + stime, threads);
    }

    /// <summary>
    /// The CPU ticks of each root and its descendants (PostgreSQL's backends are children of the postmaster), stopping at
    /// a descendant that is itself a root: the load generator starts the services and servers, and must not count them as its own.
    /// </summary>
    public static IReadOnlyDictionary<string, long> TreeTicks(IReadOnlyDictionary<string, int> roots, IReadOnlyCollection<ProcStat> processes)
    {
        var children = processes.ToLookup(p => p.ParentPid);
        var byPid = processes.ToDictionary(p => p.Pid);
        var result = new Dictionary<string, long>();
        var rootPids = roots.Values.ToHashSet();
        foreach (var (name, root) in roots)
        {
            long ticks = 0;
            var pending = new Stack<int>([root]);
            var visited = new HashSet<int>();
            while (pending.Count > 0)
            {
                var pid = pending.Pop();
                if (!visited.Add(pid) || (pid != root && rootPids.Contains(pid))) continue;
                if (byPid.TryGetValue(pid, out var process)) ticks += process.CpuTicks;
                foreach (var child in children[pid]) pending.Push(child.Pid);
            }
            result[name] = ticks;
        }
        return result;
    }
}
