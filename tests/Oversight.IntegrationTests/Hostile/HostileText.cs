namespace Oversight.IntegrationTests.Hostile;

/// <summary>The strings an attacker types into text fields.</summary>
internal static class HostileText
{
    public const int TenMegabytes = 10 * 1024 * 1024;

    public static readonly string Sql = "'; DROP TABLE complaints; -- \" OR 1=1 /* ) UNION SELECT * FROM pg_shadow --";

    public static readonly string Script = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>{{7*7}}${jndi:ldap://x/a}";

    public static readonly string ControlCharacters = "a\0b\u0001\u0007\b\t\n\r\u001b[31m\u007f\u0085\u2028\u2029\u202e\ufeffz";

    public static readonly string PathTraversal = "../../../../etc/passwd%00..\\..\\windows";

    public static readonly string Long = new('x', 100_000);

    public static string Huge { get; } = new('A', TenMegabytes);

    /// <summary>Bytes that are not UTF-8: a lone continuation byte, an overlong '/', a UTF-16 surrogate, 0xFF.</summary>
    public static readonly byte[] InvalidUtf8 = [0x61, 0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE, 0x62];

    public static readonly string[] InText = [Sql, Script, ControlCharacters, PathTraversal];
}
