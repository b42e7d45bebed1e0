using System.Security.Cryptography;

namespace Oversight.Bench;

/// <summary>
/// The CPU work every registration does for its PIN, alone: PBKDF2-HMAC-SHA256 with the iteration count of
/// services/Complaints/Infrastructure/Privacy/ReporterPin.HashIterations (16-byte salt, 32-byte hash, as
/// SecretHasher). Measured in the benchmark's process at the same concurrency, it shows how much of the intake
/// rate that hash explains on this machine.
/// </summary>
public static class IntakePinHash
{
    /// <summary>Keep equal to ReporterPin.HashIterations (the bench does not reference the service's assembly).</summary>
    public const int Iterations = 600_000;

    public static Task HashOnceAsync() => Task.Run(() =>
        Rfc2898DeriveBytes.Pbkdf2("123456", RandomNumberGenerator.GetBytes(16), Iterations, HashAlgorithmName.SHA256, 32));
}
