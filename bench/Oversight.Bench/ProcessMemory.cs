namespace Oversight.Bench;

/// <summary>
/// A process's resident memory as the kernel counts it (<c>/proc/PID/status</c>): VmRSS, the figure the goal is
/// about, split into RssAnon (GC heap, JIT'ed code, native allocations) and RssFile (mapped files: the runtime, the
/// assemblies, ReadyToRun code), which tells which kind of change moved it.
/// </summary>
public sealed record ProcessMemory(double RssMb, double AnonMb, double FileMb)
{
    public static ProcessMemory Read(int pid)
    {
        var fields = File.ReadAllLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim());
        // The kernel writes "12345 kB", kB being KiB; reported in MB (10^6 bytes), the unit.
        double Mb(string field) => long.Parse(fields[field].Split(' ')[0]) * 1024 / 1e6;
        return new ProcessMemory(Mb("VmRSS"), Mb("RssAnon"), Mb("RssFile"));
    }

    public override string ToString() => $"{RssMb:0} MB (anon {AnonMb:0}, file {FileMb:0})";
}
