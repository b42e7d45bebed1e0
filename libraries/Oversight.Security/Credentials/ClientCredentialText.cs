namespace Oversight.Security.Credentials;

/// <summary>
/// What a client id or secret may contain before anything looks it up: printable text of a sane length. A NUL or other
/// control character can never be part of a real credential, and PostgreSQL refuses a NUL in text, so such input is
/// refused as a bad request up front rather than reaching the database and being mistaken for an outage.
/// </summary>
public static class ClientCredentialText
{
    /// <summary>Longer than any id or secret the directory issues (ids "oc-" + 16 hex, secrets 43 characters).</summary>
    public const int MaxLength = 200;

    /// <summary>Null when the value is acceptable; otherwise the rule it breaks, to follow the field's name.</summary>
    public static string? Problem(string value) =>
        value.Length > MaxLength ? $"must be at most {MaxLength} characters"
        : value.Any(char.IsControl) ? "must not contain control characters"
        : null;
}
