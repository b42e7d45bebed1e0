using System.Globalization;
using System.Text.RegularExpressions;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>
/// The one rule for an instant a request carries as text (a submission's dates, a query's received range): an RFC 3339
/// <c>date-time</c>, <c>2024-11-01T09:30:00+08:00</c>. Seconds and an offset (<c>Z</c> or <c>±hh:mm</c>) are required, a
/// fraction of a second may follow in up to 9 digits; <c>T</c> and <c>Z</c> may be lower case, as RFC 3339 allows.
/// Without an offset a time would depend on the server's zone, so it is refused; the calendar (month 13, 30 February,
/// hour 24, an offset beyond ±14:00) is checked by parsing.
/// </summary>
public static partial class Rfc3339
{
    /// <summary>What a refusal says after the field's name.</summary>
    public const string Requirement = "must be an RFC 3339 instant with an offset, like 2024-11-01T09:30:00+08:00";

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        // .NET's parser would take much more (no seconds, no offset, names of months): the pattern keeps it to RFC 3339.
        return Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
