using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Oversight.Notifications.Infrastructure.Webhooks;

/// <summary>
/// Which webhook URLs may be called: http or https only, and (unless allowed for development) no loopback,
/// private, link-local, host-own or otherwise internal address: checked on the URL when subscribing (a name is resolved
/// then too) and again on the addresses a name resolves to at every delivery (each delivery opens its own connection),
/// so a name that resolves inward later is refused too.
/// </summary>
public static class WebhookUrlPolicy
{
    /// <summary>Null when acceptable, else the rule it breaks (for an InvalidArgument naming the url field).</summary>
    public static string? Check(string url, bool allowPrivateAddresses)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "must be an absolute URL";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return "must use http or https";
        if (uri.UserInfo.Length > 0) return "must not contain credentials";
        if (url.Length > 2000) return "must be at most 2000 characters";
        if (allowPrivateAddresses) return null;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "must not point to a loopback address";
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsInternal(address))
        {
            return "must not point to a private or internal address";
        }
        // A bare name ("complaints", "postgres") could be one of our own services.
        if (uri.HostNameType == UriHostNameType.Dns && !uri.Host.Contains('.')) return "must use a fully qualified host name";
        return null;
    }

    /// <summary>
    /// The name's check at subscription: null when it resolves to no internal address (or not at all yet: a receiver may
    /// be set up after its subscription, and every delivery checks again); otherwise the rule, naming the host.
    /// </summary>
    public static async Task<string?> CheckResolvedAsync(string url, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        if (allowPrivateAddresses || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns) return null;
        IPAddress[] addresses;
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(3));
            addresses = await Dns.GetHostAddressesAsync(uri.Host, bounded.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return addresses.Any(IsInternal) ? $"must not point to a private or internal address ({uri.Host} resolves to one)" : null;
    }

    /// <summary>
    /// Loopback, RFC 1918, CGNAT, link-local (the cloud metadata address 169.254.169.254 among them), unique-local
    /// (AWS's fd00:ec2::254), unspecified and multicast addresses, and any address of this host's own interfaces
    /// (a public address of the host reaches its services as well as loopback does).
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (HostAddresses().Contains(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 127 || b[0] == 0
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] >= 224;
        }
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }

    // Read on each check: interfaces come and go (a VPN, a new address), and a check is cheap next to a delivery.
    private static HashSet<IPAddress> HostAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address.IsIPv4MappedToIPv6 ? unicast.Address.MapToIPv4() : unicast.Address)
                .ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    /// <summary>The HTTP handler's connect step: resolves, refuses internal addresses unless allowed, then connects.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> GuardedConnect(bool allowPrivateAddresses) =>
        async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivateAddresses || !IsInternal(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"webhook host {context.DnsEndPoint.Host} resolves only to internal addresses");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
