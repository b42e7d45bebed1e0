using System.Text.RegularExpressions;

namespace Oversight.Dashboard.Ui;

/// <summary>
/// Hides secrets in a resource's environment before it leaves the AppHost. A variable is secret by its name
/// (a word PASSWORD, PASSWD, PWD, SECRET, TOKEN, APIKEY, CREDENTIAL, AUTH, KEYS, or KEY as the last word:
/// <c>Complaints__IdentityKeys__k1</c>, <c>x-otlp-api-key</c>; not <c>CacheKeyPrefix</c> or <c>CurrentIdentityKeyId</c>);
/// inside any other value, <c>name=value</c> pairs with a secret name (connection strings' <c>Password=</c>,
/// Redis's <c>password=</c>, <c>x-otlp-api-key=</c>) and a URL's user-info password are hidden.
/// The masked text never contains any part of the secret.
/// </summary>
public static partial class SecretMasker
{
    public const string Mask = "••••••••";

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "PASSWORD", "PASSWORDS", "PASSWD", "PWD", "PASS", "SECRET", "SECRETS", "TOKEN", "TOKENS", "APIKEY",
        "CREDENTIAL", "CREDENTIALS", "AUTH", "KEYS", "PRIVATEKEY", "COOKIE", "SIGNATURE",
    };

    /// <summary>True when a variable (or a <c>name=</c> inside a value) of this name holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        if (words.Count == 0) return false;
        if (words.Any(SecretWords.Contains)) return true;
        return words[^1].Equals("KEY", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The value to show for variable <paramref name="name"/>.</summary>
    public static string MaskValue(string name, string value)
    {
        if (IsSecretName(name)) return value.Length == 0 ? "" : Mask;
        var masked = UserInfoPassword().Replace(value, m => m.Groups["pre"].Value + Mask + "@");
        return Pair().Replace(masked, m => IsSecretName(m.Groups["k"].Value) && m.Groups["v"].Length > 0
            ? m.Groups["k"].Value + m.Groups["eq"].Value + Mask
            : m.Value);
    }

    public static bool IsMasked(string name, string value) => MaskValue(name, value) != value;

    public static IReadOnlyList<(string Name, string Value, bool Masked)> MaskAll(IReadOnlyDictionary<string, string> environment) =>
        environment.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => { var v = MaskValue(e.Key, e.Value); return (e.Key, v, v != e.Value); })
            .ToList();

    // Splits on separators (_ - . : space) and camelCase boundaries: "CacheKeyPrefix" -> Cache, Key, Prefix.
    private static List<string> Words(string name)
    {
        List<string> words = [];
        foreach (var part in Separators().Split(name))
        {
            if (part.Length == 0) continue;
            words.AddRange(CamelWords().Matches(part).Select(m => m.Value));
        }
        return words;
    }

    [GeneratedRegex(@"[_\-\.:\s/]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")]
    private static partial Regex CamelWords();

    [GeneratedRegex(@"(?<k>[A-Za-z][\w\-\. ]*?)(?<eq>\s*=\s*)(?<v>[^;,&\s]*)")]
    private static partial Regex Pair();

    [GeneratedRegex(@"(?<pre>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)[^@/\s]+@")]
    private static partial Regex UserInfoPassword();
}
