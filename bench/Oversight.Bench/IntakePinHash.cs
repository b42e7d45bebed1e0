using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Oversight.Bench;

/// <summary>
/// The CPU work every registration does for its PIN, alone, as the service actually did it, read from a stored hash:
/// the keyed HMAC-SHA256 (<c>hmac-sha256$keyId$salt$mac</c>) or, for hashes of before it, PBKDF2-HMAC-SHA256 with the
/// stored round count (<c>pbkdf2-sha256$rounds$salt$hash</c>). Measured in the benchmark's process at the same
/// concurrency, it shows how much of the intake rate the hash explains.
/// </summary>
public sealed class IntakePinHash
{
    private readonly int _iterations;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private IntakePinHash(int iterations) => _iterations = iterations;

    /// <summary>What is measured, for the report: "HMAC-SHA256, keyed" or "PBKDF2-SHA256, 10,000 rounds".</summary>
    public string Scheme => _iterations == 0 ? "HMAC-SHA256, keyed" : $"PBKDF2-SHA256, {_iterations.ToString("N0", CultureInfo.InvariantCulture)} rounds";

    public Task HashOnceAsync() => Task.Run(() => _iterations == 0
        ? HMACSHA256.HashData(_key, (byte[])[.. RandomNumberGenerator.GetBytes(16), .. "123456"u8])
        : Rfc2898DeriveBytes.Pbkdf2("123456", RandomNumberGenerator.GetBytes(16), _iterations, HashAlgorithmName.SHA256, 32));

    /// <summary>The hash of a stored PIN hash of the complaints database.</summary>
    public static async Task<IntakePinHash> FromStoredHashAsync(NpgsqlDataSource complaintsDatabase)
    {
        await using var command = complaintsDatabase.CreateCommand("SELECT pin_hash FROM complaints WHERE pin_hash IS NOT NULL LIMIT 1");
        var stored = await command.ExecuteScalarAsync() as string ?? throw new InvalidOperationException("No stored PIN hash after the warm-up.");
        return Of(stored);
    }

    public static IntakePinHash Of(string storedHash)
    {
        var parts = storedHash.Split('$');
        if (parts.Length == 4 && parts[0] == "hmac-sha256") return new IntakePinHash(0);
        return parts.Length == 4 && parts[0] == "pbkdf2-sha256" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? new IntakePinHash(rounds)
            : throw new FormatException("Not a hmac-sha256$keyId$salt$mac or pbkdf2-sha256$rounds$salt$hash PIN hash.");
    }
}
