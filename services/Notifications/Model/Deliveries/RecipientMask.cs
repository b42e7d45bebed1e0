namespace Oversight.Notifications.Model.Deliveries;

/// <summary>How recipients appear in the API and logs: personal addresses masked, webhook URLs without their query.</summary>
public static class RecipientMask
{
    /// <summary>"siti.rahmawati@example.org" → "s***@example.org"; anything else not an address → "***".</summary>
    public static string MaskEmail(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    /// <summary>
    /// <paramref name="text"/> (an SMTP reply, an exception message) with every occurrence of a personal
    /// <paramref name="address"/> masked: a server that rejects a recipient often repeats the address, and that text
    /// goes into the delivery log and a log line.
    /// </summary>
    public static string Scrub(string text, string address) =>
        address.Length == 0 ? text : text.Replace(address, MaskEmail(address), StringComparison.OrdinalIgnoreCase);

    /// <summary>A URL without query or fragment, which may carry a token.</summary>
    public static string StripQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "***";

    public static string Show(string channel, string recipient, string recipientKind, string? url) =>
        channel == Channels.Webhook ? StripQuery(url ?? "")
        : recipientKind == RecipientKinds.Personal ? MaskEmail(recipient) : recipient;
}
