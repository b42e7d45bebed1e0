using System.Net;
using System.Net.Sockets;

namespace Oversight.Hosting.Ports;

/// <summary>Chooses loopback ports: a free one at random (tests), or checks that a fixed one is free (the run command).</summary>
public static class PortAllocator
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A port the OS says is free now, never handed out twice by this process.</summary>
    public static int FreePort()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Handed.Add(port)) return port;
            }
        }
    }

    /// <summary>Throws a clear error naming the port and the process holding it, if it is taken.</summary>
    public static void EnsureFree(int port, string resourceName)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            var holder = PortHolder.Describe(port) ?? "another process (not visible to this user)";
            throw new DistributedApplicationException(
                $"Port {port} for '{resourceName}' is already in use by {holder}. Stop that process, or start with --port-offset N.");
        }
    }
}
