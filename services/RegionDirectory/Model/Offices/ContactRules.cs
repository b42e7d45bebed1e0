using System.Text.RegularExpressions;

namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Checks of contact fields; each returns the rule broken, or null when the value is fine.</summary>
public static partial class ContactRules
{
    public const int MaxEmailLength = 254;

    public static string? CheckEmail(string email) =>
        email.Length > MaxEmailLength ? $"must be at most {MaxEmailLength} characters"
        : EmailPattern().IsMatch(email) ? null
        : "not an e-mail address";

    public static string? CheckPhone(string phone) =>
        PhonePattern().IsMatch(phone) && phone.Count(char.IsAsciiDigit) is >= 5 and <= 15
            ? null
            : "not a phone number (digits, optionally a leading +, spaces, dashes or parentheses; 5 to 15 digits)";

    // Credentials in a URL would end up in logs and cache entries; a webhook authenticates otherwise.
    public static string? CheckWebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri.UserInfo.Length > 0 ? "must not contain user name or password" : null
            : "must be an absolute http or https URL";

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's call.
    [GeneratedRegex(@"^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
