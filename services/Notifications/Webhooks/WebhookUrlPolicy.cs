using System.Net;
using System.Net.Sockets;

namespace Oversight.Notifications.Webhooks;

/// <summary>
/// Which webhook URLs may be called: http or https only, and (unless allowed for development) no loopback,
/// private, link-local or otherwise internal address, checked on the URL when subscribing and again on the
/// address actually connected to, so a name that resolves inward later is refused too.
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

    /// <summary>Loopback, RFC 1918, CGNAT, link-local, unique-local, unspecified and multicast addresses.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
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
