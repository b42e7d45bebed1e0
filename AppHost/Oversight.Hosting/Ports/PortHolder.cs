using System.Globalization;

namespace Oversight.Hosting.Ports;

/// <summary>Finds which process listens on a TCP port, from /proc (no dependency on ss or lsof).</summary>
public static class PortHolder
{
    public static string? Describe(int port)
    {
        try
        {
            var inodes = ListeningSocketInodes(port);
            if (inodes.Count == 0) return null;
            foreach (var procDir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(procDir), out var pid)) continue;
                if (OwnsAny(procDir, inodes)) return $"pid {pid} ({CommandLine(procDir)})";
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static HashSet<string> ListeningSocketInodes(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // fields: sl local_address rem_address st ... inode(9); state 0A is LISTEN.
                if (fields.Length < 10 || fields[3] != "0A") continue;
                var localPort = int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber);
                if (localPort == port) inodes.Add(fields[9]);
            }
        }
        return inodes;
    }

    private static bool OwnsAny(string procDir, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(procDir, "fd")))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[") && inodes.Contains(target[8..^1])) return true;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return false;
    }

    private static string CommandLine(string procDir)
    {
        try
        {
            var raw = File.ReadAllText(Path.Combine(procDir, "cmdline")).Replace('\0', ' ').Trim();
            return raw.Length > 120 ? raw[..120] + "..." : raw;
        }
        catch (IOException) { return "?"; }
    }
}
