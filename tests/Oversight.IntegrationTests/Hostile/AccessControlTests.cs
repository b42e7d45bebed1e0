using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Oversight.Contracts.OfficeCredentials;
using Oversight.IntegrationTests.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>
/// Who may not get in: no token, an expired token, a token signed by another key, a token whose region was edited, an office
/// of one region acting on another, an integrator calling a write. Each is refused with the right status and a log line.
/// </summary>
[Collection(ComplaintsSystemCollection.Name)]
public sealed class AccessControlTests(ComplaintsSystemFixture fixture)
{
    private const string Issuer = "urn:oversight:region-directory";
    private const string Audience = "oversight";
    private const string SubmitMethod = "/oversight.complaints.v1.Complaints/SubmitComplaint";

    private TestSystem System => fixture.System;

    private ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_logged()
    {
        var before = RefusalLines($"Refused {SubmitMethod}: no bearer token");
        var error = await RefusedAsync(null);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        await LoggedAgainAsync($"Refused {SubmitMethod}: no bearer token", before);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_directorys_own_key_is_unauthenticated_and_logged()
    {
        // The real key, so only the lifetime is wrong: exp ten minutes ago, beyond the clock skew allowed.
        var expired = await MintWithDirectoryKeyAsync(DateTime.UtcNow.AddMinutes(-25), DateTime.UtcNow.AddMinutes(-10), region: "52.71");
        await AssertInvalidTokenRefusedAsync(expired);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_unauthenticated_and_logged()
    {
        using var rsa = RSA.Create(2048);
        var kid = (await DirectoryKeyAsync()).KeyId;
        var forged = Mint(new RsaSecurityKey(rsa) { KeyId = kid }, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10), region: "");
        await AssertInvalidTokenRefusedAsync(forged);
    }

    [Fact]
    public async Task A_real_token_whose_region_claim_was_widened_fails_its_signature()
    {
        var genuine = await TokenOfAsync("52.71", "intake_officer");
        var parts = genuine.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        Assert.Equal("52.71", payload["region"]!.GetValue<string>());
        payload["region"] = ""; // national scope
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        await AssertInvalidTokenRefusedAsync(tampered);
        // The genuine token still works for its own region: the refusal was the tampering.
        var reply = await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), TestSystem.Bearer(genuine));
        Assert.Equal("registered", reply.Status);
    }

    [Fact]
    public async Task An_office_of_one_region_acting_on_another_region_is_denied_and_logged()
    {
        var mataramDesk = await RegisterAsync("52.71", "intake_officer");
        var token = await System.TokenAsync(mataramDesk.Client.ClientId, mataramDesk.ClientSecret);
        var line = $"Refused {SubmitMethod} for client {mataramDesk.Client.ClientId}: region scope";

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), TestSystem.Bearer(token)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("does not cover region", error.Status.Detail);
        await System.Project(TestSystem.Complaints).WaitForLineAsync(line);
        Assert.Equal(0, await StoredComplaintsInAsync("64.03"));
    }

    [Fact]
    public async Task An_integrators_token_against_a_write_call_is_denied_and_logged()
    {
        var integrator = await RegisterAsync("", "integrator");
        var token = await System.TokenAsync(integrator.Client.ClientId, integrator.ClientSecret);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), TestSystem.Bearer(token)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("requires the intake_officer role", error.Status.Detail);
        await System.Project(TestSystem.Complaints).WaitForLineAsync(
            $"Refused {SubmitMethod} for client {integrator.Client.ClientId}: requires the intake_officer role");
    }

    private async Task AssertInvalidTokenRefusedAsync(string token)
    {
        const string line = $"Refused {SubmitMethod}: invalid or expired bearer token";
        var before = RefusalLines(line);
        var error = await RefusedAsync(token);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("invalid or expired", error.Status.Detail);
        await LoggedAgainAsync(line, before);
    }

    private async Task<RpcException> RefusedAsync(string? token) =>
        await Assert.ThrowsAsync<RpcException>(async () =>
            await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), token is null ? null : TestSystem.Bearer(token)));

    private int RefusalLines(string text) =>
        System.Project(TestSystem.Complaints).ConsoleSnapshot().Count(l => l.Text.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits for one more line containing <paramref name="text"/> than there were before the call: this refusal's own line.</summary>
    private Task LoggedAgainAsync(string text, int before) =>
        Eventually.HoldsAsync(() => Task.FromResult(RefusalLines(text)), count => count > before, TimeSpan.FromSeconds(10), $"a new line \"{text}\"");

    private async Task<ClientSecretReply> RegisterAsync(string region, params string[] roles)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(System.Channel(TestSystem.RegionDirectory));
        return await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Access-control desk {region} {string.Join('+', roles)}",
            RegionCode = region,
            Roles = { roles },
        }, await System.AdminHeadersAsync());
    }

    private async Task<string> TokenOfAsync(string region, params string[] roles)
    {
        var client = await RegisterAsync(region, roles);
        return await System.TokenAsync(client.Client.ClientId, client.ClientSecret);
    }

    /// <summary>The directory's active signing key, read from its database as the directory itself loads it.</summary>
    private async Task<RsaSecurityKey> DirectoryKeyAsync()
    {
        await using var connection = new NpgsqlConnection(System.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT kid, private_key_pkcs8 FROM signing_keys WHERE retired_at IS NULL", connection);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), "the directory has no active signing key");
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey((byte[])row[1], out _);
        return new RsaSecurityKey(rsa) { KeyId = row.GetString(0) };
    }

    private async Task<string> MintWithDirectoryKeyAsync(DateTime notBefore, DateTime expires, string region) =>
        Mint(await DirectoryKeyAsync(), notBefore, expires, region);

    private static string Mint(SecurityKey key, DateTime notBefore, DateTime expires, string region) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "oc-minted-by-test", ["region"] = region, ["role"] = new[] { "intake_officer" } },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    private async Task<long> StoredComplaintsInAsync(string region)
    {
        await using var connection = new NpgsqlConnection(System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints WHERE region_code = @region", connection);
        count.Parameters.AddWithValue("region", region);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
