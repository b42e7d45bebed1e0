using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Oversight.Bench;

/// <summary>
/// The CPU work every registration does for its PIN, alone: PBKDF2-HMAC-SHA256 (16-byte salt, 32-byte hash, as
/// SecretHasher) with the round count the service actually used, read from a stored hash
/// (<c>pbkdf2-sha256$rounds$salt$hash</c>), so the figure follows ReporterPin.HashIterations whatever it is.
/// Measured in the benchmark's process at the same concurrency, it shows how much of the intake rate the hash explains.
/// </summary>
public sealed class IntakePinHash(int iterations)
{
    public int Iterations => iterations;

    public Task HashOnceAsync() => Task.Run(() =>
        Rfc2898DeriveBytes.Pbkdf2("123456", RandomNumberGenerator.GetBytes(16), iterations, HashAlgorithmName.SHA256, 32));

    /// <summary>The round count of a stored PIN hash of the complaints database.</summary>
    public static async Task<IntakePinHash> FromStoredHashAsync(NpgsqlDataSource complaintsDatabase)
    {
        await using var command = complaintsDatabase.CreateCommand("SELECT pin_hash FROM complaints WHERE pin_hash IS NOT NULL LIMIT 1");
        var stored = await command.ExecuteScalarAsync() as string ?? throw new InvalidOperationException("No stored PIN hash after the warm-up.");
        return new IntakePinHash(IterationsOf(stored));
    }

    public static int IterationsOf(string storedHash)
    {
        var parts = storedHash.Split('$');
        return parts.Length == 4 && parts[0] == "pbkdf2-sha256" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? rounds
            : throw new FormatException("Not a pbkdf2-sha256$rounds$salt$hash PIN hash.");
    }
}
