using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.OfficeCredentials.OfficeCredentials;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>Office credentials: client administration over gRPC, tokens from /connect/token, the JWKS, and who may import regions.</summary>
[Collection(RegionDirectoryReadsCollection.Name)]
public sealed class CredentialTests(RegionDirectoryFixture fixture)
{
    private const string Issuer = "urn:oversight:region-directory";
    private const string Audience = "oversight";

    private TestSystem System => fixture.System;

    // Offices of the directory's seed.
    private const string MataramBawaslu = "5eed0001-0000-4000-8000-000000527101";
    private const string KendariBawaslu = "5eed0001-0000-4000-8000-000000747101";

    private OfficeCredentialsClient Credentials => new(System.Channel(TestSystem.RegionDirectory));

    private RegionDirectoryClient Directory => new(System.Channel(TestSystem.RegionDirectory));

    [Fact]
    public async Task A_registered_client_gets_a_token_with_its_claims_that_validates_against_the_jwks()
    {
        var registered = await RegisterAsync("Bawaslu Kota Mataram desk", "52.71", ["intake_officer", "reviewer"], officeId: MataramBawaslu);
        Assert.StartsWith("oc-", registered.Client.ClientId);
        Assert.True(registered.ClientSecret.Length >= 43);

        // HTTP Basic this time (client_secret_basic); the helpers use the form body (client_secret_post).
        using var http = System.Http(TestSystem.RegionDirectory);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registered.Client.ClientId}:{registered.ClientSecret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("Bearer", answer.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(900, answer.RootElement.GetProperty("expires_in").GetInt32());
        var token = answer.RootElement.GetProperty("access_token").GetString()!;

        var metadata = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        Assert.Equal(Issuer, metadata.GetProperty("issuer").GetString());
        Assert.EndsWith("/connect/token", metadata.GetProperty("token_endpoint").GetString());
        var jwks = new JsonWebKeySet(await http.GetStringAsync(new Uri(metadata.GetProperty("jwks_uri").GetString()!)));
        Assert.All(jwks.Keys, key => Assert.Null(key.D)); // public halves only

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Contains(jwks.Keys, key => key.Kid == jwt.Kid);
        Assert.Equal(registered.Client.ClientId, jwt.Subject);
        Assert.Equal("52.71", jwt.GetClaim("region").Value);
        Assert.Equal(MataramBawaslu, jwt.GetClaim("office_id").Value);
        Assert.Equal(["intake_officer", "reviewer"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.InRange(jwt.ValidTo - jwt.ValidFrom, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_wrong_secret_or_unknown_client_gets_401_invalid_client_and_the_secret_is_not_logged()
    {
        var registered = await RegisterAsync("Desk with a typo", "52", ["intake_officer"]);
        var wrongSecret = "wrong-" + registered.ClientSecret;

        using var wrong = await System.RequestTokenAsync(registered.Client.ClientId, wrongSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", await ErrorOfAsync(wrong));
        using var unknown = await System.RequestTokenAsync("oc-0000000000000000", registered.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("invalid_client", await ErrorOfAsync(unknown));

        var directory = System.Project(TestSystem.RegionDirectory);
        await directory.WaitForLineAsync($"Token refused for client {registered.Client.ClientId}: wrong secret");
        var log = await directory.WaitForLineAsync("Token refused for client oc-0000000000000000: unknown client");
        Assert.DoesNotContain(log, l => l.Contains(registered.ClientSecret));
    }

    [Fact]
    public async Task The_token_endpoint_answers_bad_requests_as_rfc_6749_says()
    {
        var registered = await RegisterAsync("Reviewer desk", "64", ["reviewer"]);
        using var http = System.Http(TestSystem.RegionDirectory);

        using var password = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = registered.Client.ClientId, ["client_secret"] = registered.ClientSecret,
        }));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_grant_type"), (password.StatusCode, await ErrorOfAsync(password)));

        using var json = await http.PostAsync("/connect/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (json.StatusCode, await ErrorOfAsync(json)));

        using var widerScope = await System.RequestTokenAsync(registered.Client.ClientId, registered.ClientSecret, scope: "admin");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (widerScope.StatusCode, await ErrorOfAsync(widerScope)));
    }

    [Fact]
    public async Task Malformed_forms_and_control_bytes_are_invalid_request_never_a_fault_or_an_outage()
    {
        // Issue 16: a NUL in a form value or 1,025 form fields answered 500 with a stack trace, and a NUL in a Basic
        // client id 503 "the credentials database is unavailable". Each is the caller's error: 400 invalid_request.
        var registered = await RegisterAsync("Control bytes desk", "64", ["reviewer"]);
        using var http = System.Http(TestSystem.RegionDirectory);

        async Task AssertInvalidRequestAsync(HttpResponseMessage response, string naming)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("invalid_request", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
            Assert.Contains(naming, JsonDocument.Parse(body).RootElement.GetProperty("error_description").GetString());
            Assert.DoesNotContain("Exception", body);
        }

        foreach (var field in new[] { "client_id", "client_secret", "grant_type" })
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = registered.Client.ClientId, ["client_secret"] = registered.ClientSecret,
            };
            form[field] += "\0x";
            using var nul = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
            // ASP.NET's form reader refuses the NUL itself, before any field is known: the answer names the rule.
            await AssertInvalidRequestAsync(nul, "no control characters such as NUL");
            form[field] = form[field].Replace("\0", "\u0007");
            using var bell = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
            await AssertInvalidRequestAsync(bell, $"{field} must not contain control characters");
        }

        var flood = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))
            .Prepend(new("grant_type", "client_credentials")).ToList();
        using var flooded = await http.PostAsync("/connect/token", new FormUrlEncodedContent(flood));
        await AssertInvalidRequestAsync(flooded, "at most 1024 fields");

        using var basic = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"oc-\0abc:{registered.ClientSecret}")));
        using var nulId = await http.SendAsync(basic);
        await AssertInvalidRequestAsync(nulId, "client_id must not contain control characters");

        // The genuine credentials still work: the refusals were the bytes.
        using var genuine = await System.RequestTokenAsync(registered.Client.ClientId, registered.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task A_revoked_client_gets_no_token_and_a_rotated_secret_replaces_the_old_one()
    {
        var registered = await RegisterAsync("Desk to be closed", "74.71", ["intake_officer"]);
        var clientId = registered.Client.ClientId;
        Assert.NotEmpty(await System.TokenAsync(clientId, registered.ClientSecret));

        var rotated = await Credentials.RotateSecretAsync(new RotateSecretRequest { ClientId = clientId }, await System.AdminHeadersAsync());
        Assert.NotEqual(registered.ClientSecret, rotated.ClientSecret);
        using (var old = await System.RequestTokenAsync(clientId, registered.ClientSecret)) Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.NotEmpty(await System.TokenAsync(clientId, rotated.ClientSecret));

        var revoked = await Credentials.RevokeClientAsync(new RevokeClientRequest { ClientId = clientId }, await System.AdminHeadersAsync());
        Assert.True(revoked.Revoked);
        using var refused = await System.RequestTokenAsync(clientId, rotated.ClientSecret);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (refused.StatusCode, await ErrorOfAsync(refused)));

        var active = await Credentials.ListClientsAsync(new ListClientsRequest(), await System.AdminHeadersAsync());
        Assert.DoesNotContain(active.Clients, c => c.ClientId == clientId);
        var all = await Credentials.ListClientsAsync(new ListClientsRequest { IncludeRevoked = true }, await System.AdminHeadersAsync());
        Assert.Contains(all.Clients, c => c.ClientId == clientId && c.Revoked && c.RevokedAt is not null);
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_salted_slow_hashes()
    {
        var registered = await RegisterAsync("Hash check", "52", ["integrator"]);
        await using var connection = new NpgsqlConnection(System.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT secret_hash FROM office_clients WHERE client_id = $1", connection);
        command.Parameters.AddWithValue(registered.Client.ClientId);
        var hash = (string)(await command.ExecuteScalarAsync())!;

        Assert.StartsWith("pbkdf2-sha256$100000$", hash);
        Assert.DoesNotContain(registered.ClientSecret, hash);
    }

    [Fact]
    public async Task ImportRegions_needs_a_national_admin_token()
    {
        var request = new ImportRegionsRequest { ProvincesCsv = "kode,nama\n52,Nusa Tenggara Barat\n", DryRun = true };

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await Directory.ImportRegionsAsync(request));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var garbage = await Assert.ThrowsAsync<RpcException>(async () => await Directory.ImportRegionsAsync(request, TestSystem.Bearer("not.a.token")));
        Assert.Equal(StatusCode.Unauthenticated, garbage.StatusCode);

        var officer = await RegisterAsync("National intake", "", ["intake_officer"]);
        var notAdmin = await Assert.ThrowsAsync<RpcException>(async () => await Directory.ImportRegionsAsync(request,
            TestSystem.Bearer(await System.TokenAsync(officer.Client.ClientId, officer.ClientSecret))));
        Assert.Equal(StatusCode.PermissionDenied, notAdmin.StatusCode);
        Assert.Contains("admin role", notAdmin.Status.Detail);

        var provinceAdmin = await RegisterAsync("NTB admin", "52", ["admin"]);
        var province = await Assert.ThrowsAsync<RpcException>(async () => await Directory.ImportRegionsAsync(request,
            TestSystem.Bearer(await System.TokenAsync(provinceAdmin.Client.ClientId, provinceAdmin.ClientSecret))));
        Assert.Equal(StatusCode.PermissionDenied, province.StatusCode);
        Assert.Contains("region scope 52 does not cover region national", province.Status.Detail);

        var reply = await Directory.ImportRegionsAsync(request, await System.AdminHeadersAsync());
        Assert.False(reply.Applied);
        Assert.Equal(1, reply.Unchanged);
        await System.Project(TestSystem.RegionDirectory).WaitForLineAsync(
            "Refused /oversight.regiondirectory.v1.RegionDirectory/ImportRegions for client " + provinceAdmin.Client.ClientId);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_rejected()
    {
        using var http = System.Http(TestSystem.RegionDirectory);
        var realKid = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks.json")).Keys.Single().Kid;
        using var rsa = RSA.Create(2048);
        // Everything right (issuer, audience, claims of a national admin, even the kid) but the key.
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = TestSystem.AdminClientId, ["region"] = "", ["role"] = new[] { "admin" } },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = realKid }, SecurityAlgorithms.RsaSha256),
        });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Directory.ImportRegionsAsync(
            new ImportRegionsRequest { ProvincesCsv = "kode,nama\n52,Nusa Tenggara Barat\n", DryRun = true }, TestSystem.Bearer(forged)));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var listing = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.ListClientsAsync(new ListClientsRequest(), TestSystem.Bearer(forged)));
        Assert.Equal(StatusCode.Unauthenticated, listing.StatusCode);
    }

    [Fact]
    public async Task An_admin_scoped_to_a_province_administers_only_that_province()
    {
        var ntbAdmin = await RegisterAsync("NTB admin", "52", ["admin"]);
        var asNtb = TestSystem.Bearer(await System.TokenAsync(ntbAdmin.Client.ClientId, ntbAdmin.ClientSecret));

        var mataram = await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Mataram desk", RegionCode = "52.71", Roles = { "intake_officer" },
        }, asNtb);
        Assert.Equal("52.71", mataram.Client.RegionCode);

        var kendari = await Assert.ThrowsAsync<RpcException>(async () => await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Kendari desk", RegionCode = "74", Roles = { "intake_officer" },
        }, asNtb));
        Assert.Equal(StatusCode.PermissionDenied, kendari.StatusCode);
        Assert.Contains("does not cover region 74", kendari.Status.Detail);

        var national = await Assert.ThrowsAsync<RpcException>(async () => await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Everything", RegionCode = "", Roles = { "admin" },
        }, asNtb));
        Assert.Equal(StatusCode.PermissionDenied, national.StatusCode);

        var sulawesi = await RegisterAsync("Sultra desk", "74", ["intake_officer"]);
        var revokeOutside = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.RevokeClientAsync(new RevokeClientRequest { ClientId = sulawesi.Client.ClientId }, asNtb));
        Assert.Equal(StatusCode.PermissionDenied, revokeOutside.StatusCode);

        var listed = await Credentials.ListClientsAsync(new ListClientsRequest(), asNtb);
        Assert.Contains(listed.Clients, c => c.ClientId == mataram.Client.ClientId);
        Assert.All(listed.Clients, c => Assert.True(c.RegionCode == "52" || c.RegionCode.StartsWith("52."), c.RegionCode));
    }

    [Fact]
    public async Task A_client_is_bound_only_to_an_existing_office_inside_the_admins_scope_and_the_clients_region()
    {
        var mataramAdmin = await RegisterAsync("Mataram admin", "52.71", ["admin"]);
        var asMataram = TestSystem.Bearer(await System.TokenAsync(mataramAdmin.Client.ClientId, mataramAdmin.ClientSecret));
        RegisterClientRequest Desk(string name, string region, string office) =>
            new() { DisplayName = name, RegionCode = region, OfficeId = office, Roles = { "reviewer" } };

        // A 52.71 admin binding a 52.71 client to Bawaslu Kota Kendari (74.71): refused, the attack of issue 16.
        var foreign = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.RegisterClientAsync(Desk("Kendari by Mataram", "52.71", KendariBawaslu), asMataram));
        Assert.Equal(StatusCode.PermissionDenied, foreign.StatusCode);
        Assert.Contains("does not cover region 74.71", foreign.Status.Detail);

        // A national admin may reach Kendari, but not for a client of another region.
        var mismatched = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.RegisterClientAsync(Desk("Kendari as Mataram", "52.71", KendariBawaslu), await System.AdminHeadersAsync()));
        Assert.Equal(StatusCode.InvalidArgument, mismatched.StatusCode);
        Assert.Contains("office_id: office " + KendariBawaslu + " is in region 74.71, outside the client's region_code 52.71", mismatched.Status.Detail);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.RegisterClientAsync(Desk("Nobody's", "52.71", Guid.NewGuid().ToString()), asMataram));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("office_id: no office", unknown.Status.Detail);

        var malformed = await Assert.ThrowsAsync<RpcException>(async () =>
            await Credentials.RegisterClientAsync(Desk("Free text", "52.71", "bawaslu-kota-mataram"), asMataram));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("office_id: must be the id (a UUID)", malformed.Status.Detail);

        // None of them was registered; the admin's own office is bound.
        var listed = await Credentials.ListClientsAsync(new ListClientsRequest(), asMataram);
        Assert.DoesNotContain(listed.Clients, c => c.DisplayName is "Kendari by Mataram" or "Kendari as Mataram" or "Nobody's" or "Free text");
        var own = await Credentials.RegisterClientAsync(Desk("Mataram desk", "52.71", MataramBawaslu), asMataram);
        Assert.Equal(MataramBawaslu, own.Client.OfficeId);
    }

    [Fact]
    public async Task Clients_are_administered_over_rest_too()
    {
        using var http = System.Http(TestSystem.RegionDirectory);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await System.AdminTokenAsync());

        using var registered = await http.PostAsync("/v1/clients", new StringContent(
            """{"displayName":"BKPSDM Kota Mataram desk","regionCode":"52.71","roles":["intake_officer"]}""", Encoding.UTF8, "application/json"));
        var body = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        var clientId = answer.GetProperty("client").GetProperty("clientId").GetString()!;
        Assert.NotEmpty(await System.TokenAsync(clientId, answer.GetProperty("clientSecret").GetString()!));

        using var revoked = await http.PostAsync($"/v1/clients/{clientId}:revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var listed = await http.GetAsync("/v1/clients?includeRevoked=true");
        var clients = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("clients");
        Assert.Contains(clients.EnumerateArray(), c => c.GetProperty("clientId").GetString() == clientId && c.GetProperty("revoked").GetBoolean());

        http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/clients")).StatusCode);
    }

    [Fact]
    public async Task Bad_registrations_are_refused_naming_each_field_and_rule()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "  ", RegionCode = "52.7", Roles = { "intake_officer", "superuser" },
        }, await System.AdminHeadersAsync()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("display_name: is required", error.Status.Detail);
        Assert.Contains("region_code: must be a Kemendagri code", error.Status.Detail);
        Assert.Contains("roles: unknown role 'superuser'", error.Status.Detail);

        var unknownRegion = await Assert.ThrowsAsync<RpcException>(async () => await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Nowhere", RegionCode = "99", Roles = { "reviewer" },
        }, await System.AdminHeadersAsync()));
        Assert.Equal(StatusCode.InvalidArgument, unknownRegion.StatusCode);
        Assert.Contains("region_code: no region with code 99", unknownRegion.Status.Detail);

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await Credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Me", RegionCode = "", Roles = { "admin" },
        }));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    private async Task<ClientSecretReply> RegisterAsync(string name, string regionCode, string[] roles, string officeId = "")
    {
        var request = new RegisterClientRequest { DisplayName = name, RegionCode = regionCode, OfficeId = officeId };
        request.Roles.AddRange(roles);
        return await Credentials.RegisterClientAsync(request, await System.AdminHeadersAsync());
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
