namespace Oversight.Bench;

/// <summary>
/// A process's resident memory as the kernel counts it (<c>/proc/PID/status</c>): VmRSS, the figure the goal is
/// about, split into RssAnon (GC heap, JIT'ed code, native allocations) and RssFile (mapped files: the runtime, the
/// assemblies, ReadyToRun code) and RssShmem (the runtime's double-mapped executable memory: JIT'ed code, stubs), which
/// tells which kind of change moved it; and PSS (<c>/proc/PID/smaps_rollup</c>), which shares each mapped file's pages
/// among the processes mapping them (the four services map the same shared framework).
/// </summary>
public sealed record ProcessMemory(double RssMb, double AnonMb, double FileMb, double ShmemMb, double PssMb)
{
    public static ProcessMemory Read(int pid)
    {
        var fields = File.ReadAllLines($"/proc/{pid}/status").Concat(File.ReadAllLines($"/proc/{pid}/smaps_rollup"))
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
        // The kernel writes "12345 kB", kB being KiB; reported in MB (10^6 bytes), the unit.
        double Mb(string field) => long.Parse(fields[field].Split(' ')[0]) * 1024 / 1e6;
        return new ProcessMemory(Mb("VmRSS"), Mb("RssAnon"), Mb("RssFile"), Mb("RssShmem"), Mb("Pss"));
    }

    public override string ToString() => $"{RssMb:0} MB (anon {AnonMb:0}, file {FileMb:0}, shmem {ShmemMb:0}; PSS {PssMb:0})";
}
