using System.Text;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// Masked forms of a reporter's contact data, for places that must hint at it without showing it (a notification
/// "we texted 0812****5678"). The masks have a fixed number of stars, so they do not reveal the length either.
/// </summary>
public static class PersonalDataMask
{
    private const string Stars = "****";

    /// <summary>
    /// The first four and last four digits of a phone number of at least ten digits (<c>081234565678</c> →
    /// <c>0812****5678</c>; a leading <c>+</c> is kept, spaces and dashes dropped); shorter numbers show only their
    /// last two digits; no digits at all gives <c>****</c>.
    /// </summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return Stars;
        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var plus = trimmed.StartsWith('+') ? "+" : "";
        return digits.Length switch
        {
            >= 10 => plus + digits[..4] + Stars + digits[^4..],
            >= 6 => Stars + digits[^2..],
            _ => Stars,
        };
    }

    /// <summary>The first character of the local part and the whole domain (<c>budi@example.org</c> → <c>b***@example.org</c>).</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "***";
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) return "***";
        return trimmed[..1] + "***" + trimmed[at..];
    }

    /// <summary>The first letter of each word (<c>Budi Santoso</c> → <c>B*** S***</c>).</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "***";
        var masked = new StringBuilder();
        foreach (var word in name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (masked.Length > 0) masked.Append(' ');
            masked.Append(word[0]).Append("***");
        }
        return masked.ToString();
    }

    /// <summary>
    /// The region part (first four digits: province and regency/city) and the last two digits of a 16-digit NIK
    /// (<c>5271012345678901</c> → <c>5271**********01</c>); anything else is fully masked.
    /// </summary>
    public static string Nik(string? nik)
    {
        var digits = nik?.Trim() ?? "";
        return digits.Length == 16 && digits.All(char.IsAsciiDigit) ? digits[..4] + new string('*', 10) + digits[^2..] : new string('*', 16);
    }
}
