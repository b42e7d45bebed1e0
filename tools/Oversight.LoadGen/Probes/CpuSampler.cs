namespace Oversight.LoadGen.Probes;

/// <summary>
/// CPU used by each named process (with its children) between two samples of /proc, as a percentage of one core
/// (200% = both cores of this machine). Linux only; elsewhere it reports nothing.
/// </summary>
public sealed class CpuSampler(IReadOnlyDictionary<string, int> roots)
{
    // USER_HZ: 100 on every Linux architecture .NET runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public IReadOnlyDictionary<string, int> Roots => roots;

    public (DateTimeOffset At, IReadOnlyDictionary<string, long> Ticks) Sample() => (DateTimeOffset.UtcNow, ProcStat.TreeTicks(roots, ReadAll()));

    /// <summary>The number of threads of each named process itself (not its children).</summary>
    public IReadOnlyDictionary<string, int> Threads()
    {
        var all = ReadAll().ToDictionary(p => p.Pid);
        return roots.Where(r => all.ContainsKey(r.Value)).ToDictionary(r => r.Key, r => all[r.Value].Threads);
    }

    /// <summary>Percent of one core per process between two samples.</summary>
    public static IReadOnlyDictionary<string, double> PercentBetween((DateTimeOffset At, IReadOnlyDictionary<string, long> Ticks) before,
        (DateTimeOffset At, IReadOnlyDictionary<string, long> Ticks) after)
    {
        var seconds = (after.At - before.At).TotalSeconds;
        return after.Ticks.ToDictionary(t => t.Key,
            t => seconds <= 0 ? 0 : Math.Max(0, t.Value - before.Ticks.GetValueOrDefault(t.Key)) / TicksPerSecond / seconds * 100);
    }

    private static List<ProcStat> ReadAll()
    {
        var all = new List<ProcStat>();
        if (!Directory.Exists("/proc")) return all;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (ProcStat.Parse(File.ReadAllText(Path.Combine(dir, "stat"))) is { } stat) all.Add(stat);
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return all;
    }

    /// <summary>The machine's load averages (1, 5, 15 min) as `uptime` prints them; empty off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]}, {parts[1]}, {parts[2]}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
