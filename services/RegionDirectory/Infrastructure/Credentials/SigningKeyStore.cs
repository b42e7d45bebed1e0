using System.Security.Cryptography;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Oversight.Security.Authentication;

namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>
/// The RSA key tokens are signed with, persisted in PostgreSQL so that every replica signs with the same key
/// and tokens outlive restarts. Loaded once at start-up (<see cref="LoadOrCreateAsync"/>); the first start
/// creates it, race-free through a unique index on the one active key.
/// </summary>
public sealed class SigningKeyStore(NpgsqlDataSource dataSource, ILogger<SigningKeyStore> logger) : IOfficeSigningKeys
{
    private const int KeySizeBits = 2048;
    private SigningKeys? _keys;
    // Own public keys and, at a site's copy, the centre's: built when either is loaded, not on each token validation.
    private volatile IReadOnlyList<SecurityKey>? _validation;

    /// <summary>The key new tokens are signed with.</summary>
    public RsaSecurityKey SigningKey => Keys.Active;

    /// <summary>
    /// The public halves of every key, for the JWKS and for validating tokens: this service's own and, at a regional
    /// site's copy of the directory, the centre's (from its snapshots), so the site accepts the centre's tokens.
    /// </summary>
    public IReadOnlyList<SecurityKey> ValidationKeys => _validation ?? Keys.Public;

    private SigningKeys Keys => _keys ?? throw new InvalidOperationException("Signing keys are not loaded; call LoadOrCreateAsync at start-up.");

    public async Task LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        if (!rows.Any(r => r.RetiredAt is null))
        {
            using var rsa = RSA.Create(KeySizeBits);
            var kid = KeyId(rsa);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // Two replicas starting together may both get here; the unique index keeps the first key, the other adds nothing.
            var added = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signing_keys (kid, algorithm, private_key_pkcs8) VALUES (@kid, @algorithm, @key) ON CONFLICT DO NOTHING",
                new { kid, algorithm = SecurityAlgorithms.RsaSha256, key = rsa.ExportPkcs8PrivateKey() },
                cancellationToken: cancellationToken));
            if (added == 1) logger.LogInformation("Created token signing key {Kid}", kid);
            rows = await LoadAsync(cancellationToken);
        }

        var active = rows.Single(r => r.RetiredAt is null);
        _keys = new SigningKeys(ToKey(active, includePrivate: true), [.. rows.Select(r => ToKey(r, includePrivate: false))]);
        logger.LogInformation("Signing tokens with key {Kid}", active.Kid);
        await LoadCopiedAsync(cancellationToken);
    }

    /// <summary>(Re)reads the centre's public keys a site's copy holds; none at the centre.</summary>
    public async Task LoadCopiedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kid, byte[] PublicKey)>(new CommandDefinition(
            "SELECT kid, public_key FROM copied_signing_keys ORDER BY kid", cancellationToken: cancellationToken));
        _validation = [.. Keys.Public, .. rows.Select(row =>
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(row.PublicKey, out _);
            return (SecurityKey)new RsaSecurityKey(rsa) { KeyId = row.Kid };
        })];
    }

    private async Task<List<KeyRow>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            "SELECT kid, private_key_pkcs8 AS PrivateKey, retired_at AS RetiredAt FROM signing_keys ORDER BY created_at",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private static RsaSecurityKey ToKey(KeyRow row, bool includePrivate)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(row.PrivateKey, out _);
        if (!includePrivate)
        {
            var publicOnly = RSA.Create();
            publicOnly.ImportParameters(rsa.ExportParameters(includePrivateParameters: false));
            rsa.Dispose();
            rsa = publicOnly;
        }
        return new RsaSecurityKey(rsa) { KeyId = row.Kid };
    }

    // RFC 7638 thumbprint of the public key: the same key always gets the same id.
    private static string KeyId(RSA rsa)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    private sealed record SigningKeys(RsaSecurityKey Active, IReadOnlyList<SecurityKey> Public);

    private sealed class KeyRow
    {
        public required string Kid { get; init; }
        public required byte[] PrivateKey { get; init; }
        public DateTime? RetiredAt { get; init; }
    }
}
