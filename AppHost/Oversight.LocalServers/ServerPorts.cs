using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting;

/// <summary>
/// Ports for the servers the AppHost starts (PostgreSQL, Redis, RabbitMQ, epmd), picked when the model is built and
/// bound by the server seconds later, once it has booted. A port the kernel handed out (port 0) lies in its ephemeral
/// range, where it also hands out the ports DCP gives the services and every outgoing connection's local port: in
/// between, a service of this or a parallel AppHost could take it, and the server then fails to start (a site's
/// RabbitMQ found its port held by a service's HTTP listener in the fault suite). So the ports come from below that
/// range, where only explicit binds land, each checked free when picked, and never one this process handed out before
/// (a free port is free for every pick until its server binds it: a site's RabbitMQ once got, as its distribution port,
/// the port the centre's had just been given; the test runs start many AppHosts in one process).
/// </summary>
public static class ServerPorts
{
    private const int Lowest = 10_000;

    private static readonly HashSet<int> HandedOut = [];

    private static readonly int EphemeralStart = EphemeralRangeStart();

    public static int PickFree()
    {
        lock (HandedOut)
        {
            var port = Pick();
            HandedOut.Add(port);
            return port;
        }
    }

    private static int Pick()
    {
        if (EphemeralStart - Lowest >= 1_000)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var candidate = Random.Shared.Next(Lowest, EphemeralStart);
                if (!HandedOut.Contains(candidate) && IsFree(candidate)) return candidate;
            }
        }
        // No room below the ephemeral range (or all taken): the kernel's pick.
        for (var attempt = 0; ; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!HandedOut.Contains(port) || attempt >= 100) return port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux: "32768\t60999". Elsewhere, or unreadable: IANA's dynamic range, which Windows and macOS use.
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 49_152;
        }
    }
}
