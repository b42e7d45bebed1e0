using System.Net;
using System.Net.Sockets;

namespace Oversight.Harness;

/// <summary>A loopback port nothing listens on right now, for a test that needs an address where a server is down.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
