using System.Text.RegularExpressions;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// The AES-256 keys that seal reporter identities, from configuration:
/// <c>Complaints:IdentityKeys:{keyId}</c> = 32 random bytes in base64 (environment <c>Complaints__IdentityKeys__{keyId}</c>),
/// any number of them, and <c>Complaints:CurrentIdentityKeyId</c> naming the one that seals new identities. Rotation:
/// add a key, make it current, keep the old ones (they still open what they sealed) until every stored identity
/// was re-sealed (<see cref="ReporterIdentityProtector.NeedsResealing"/>), then remove them.
/// Key ids are matched case-insensitively, as configuration keys are.
/// </summary>
public sealed partial class IdentityKeyRing
{
    public const string KeysSection = "Complaints:IdentityKeys";
    public const string CurrentKeyIdSetting = "Complaints:CurrentIdentityKeyId";
    public const int KeyBytes = 32;
    public const int MaxKeyIdLength = 32;

    private readonly Dictionary<string, byte[]> _keys;

    /// <summary>A ring of the given keys (each 32 bytes); <paramref name="currentKeyId"/> must be one of them.</summary>
    public IdentityKeyRing(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        _keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id)) throw new ArgumentException($"Key id '{id}' is not 1-{MaxKeyIdLength} letters, digits, '-' or '_'.", nameof(keys));
            if (key.Length != KeyBytes) throw new ArgumentException($"Key '{id}' is {key.Length} bytes, not {KeyBytes}.", nameof(keys));
            if (!_keys.TryAdd(id, key.ToArray())) throw new ArgumentException($"Key id '{id}' appears twice.", nameof(keys));
        }
        if (!_keys.ContainsKey(currentKeyId)) throw new ArgumentException($"The current key id '{currentKeyId}' is not in the ring.", nameof(currentKeyId));
        CurrentKeyId = _keys.Keys.First(id => string.Equals(id, currentKeyId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The id of the key that seals new identities, as spelled in the ring.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Every key id of the ring.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    internal byte[] CurrentKey => _keys[CurrentKeyId];

    /// <summary>Every key of the ring with its id, for what derives keys of its own from them (<see cref="ReporterPin"/>).</summary>
    internal IEnumerable<(string Id, byte[] Key)> Keys => _keys.Select(entry => (entry.Key, entry.Value));

    internal bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>
    /// Reads the ring from configuration. Throws <see cref="IdentityKeyConfigurationException"/> listing every missing
    /// or malformed setting by name (never a key's value).
    /// </summary>
    public static IdentityKeyRing FromConfiguration(IConfiguration configuration)
    {
        var problems = new List<string>();
        var keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection(KeysSection).GetChildren())
        {
            var setting = $"{KeysSection}:{entry.Key}";
            if (!IsValidKeyId(entry.Key))
            {
                problems.Add($"{setting}: the key id must be 1-{MaxKeyIdLength} letters, digits, '-' or '_'.");
                continue;
            }
            var value = entry.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{setting} is empty: set it to {KeyBytes} random bytes in base64.");
                continue;
            }
            var buffer = new byte[value.Length];
            if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written))
            {
                problems.Add($"{setting} is not valid base64: set it to {KeyBytes} random bytes in base64 (e.g. `openssl rand -base64 {KeyBytes}`).");
                continue;
            }
            if (written != KeyBytes)
            {
                problems.Add($"{setting} decodes to {written} bytes; an AES-256 key is {KeyBytes} bytes (44 characters of base64).");
                continue;
            }
            keys[entry.Key] = buffer[..KeyBytes];
        }

        var current = configuration[CurrentKeyIdSetting];
        if (keys.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{KeysSection} has no key: set {KeysSection}:{{keyId}} (environment {Env(KeysSection)}__{{keyId}}) to {KeyBytes} random bytes in base64. The AppHost supplies one.");
        }
        if (string.IsNullOrWhiteSpace(current))
        {
            problems.Add($"{CurrentKeyIdSetting} is not set (environment {Env(CurrentKeyIdSetting)}): name the key of {KeysSection} that seals new reporter identities.");
        }
        else if (keys.Count > 0 && !keys.ContainsKey(current.Trim()) && !problems.Any(p => p.StartsWith($"{KeysSection}:{current.Trim()}", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{CurrentKeyIdSetting} is '{current.Trim()}', but there is no {KeysSection}:{current.Trim()}.");
        }

        if (problems.Count > 0)
        {
            throw new IdentityKeyConfigurationException(
                "The reporter identity keys are not configured correctly, so the complaints service cannot start:"
                + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)));
        }
        return new IdentityKeyRing(current!.Trim(), keys);
    }

    private static string Env(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    private static bool IsValidKeyId(string keyId) => KeyIdPattern().IsMatch(keyId);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}

/// <summary>Missing or malformed identity key configuration; the message names each setting, never a key.</summary>
public sealed class IdentityKeyConfigurationException(string message) : InvalidOperationException(message);
