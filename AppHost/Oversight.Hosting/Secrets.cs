using System.Security.Cryptography;
using System.Text.Json;

namespace Oversight.Hosting;

/// <summary>
/// Generated passwords and keys, kept in the state folder so they survive restarts (the servers'
/// data was initialised with them), as Aspire keeps generated parameters in user secrets.
/// </summary>
public sealed class Secrets
{
    private readonly string _path;
    private readonly Dictionary<string, string> _values;
    private readonly Lock _gate = new();

    public Secrets(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        _path = Path.Combine(stateDirectory, "secrets.json");
        _values = File.Exists(_path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_path)) ?? []
            : [];
    }

    /// <summary>Whether a secret of that name exists already (e.g. to tell a first start from a later one).</summary>
    public bool Contains(string name)
    {
        lock (_gate) return _values.ContainsKey(name);
    }

    /// <summary>The secret of that name, generated (URL-safe, 22 characters) on first request.</summary>
    public string Get(string name) =>
        Get(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y'));

    /// <summary>The secret of that name, made by <paramref name="generate"/> on first request (e.g. a key in base64).</summary>
    public string Get(string name, Func<string> generate)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(name, out var value)) return value;
            value = generate();
            _values[name] = value;
            File.WriteAllText(_path, JsonSerializer.Serialize(_values));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return value;
        }
    }
}
