using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Oversight.Contracts.OfficeCredentials;

namespace Oversight.Harness;

/// <summary>
/// Signing in, as the AppHost wires it: the directory gets a bootstrap admin (national scope, admin role) whose secret
/// is generated into each system's own state folder, and tests get tokens from its <c>POST /connect/token</c>.
/// </summary>
public sealed partial class TestSystem
{
    /// <summary>The client id of the bootstrap admin, as the AppHost wires it.</summary>
    public const string AdminClientId = "oversight-admin";

    private const string AdminSecretSetting = "RegionDirectory__BootstrapAdmin__Secret";
    private readonly SemaphoreSlim _adminTokenGate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _adminToken;

    /// <summary>The bootstrap admin's secret, as the directory was started with it.</summary>
    public string AdminSecret => Setting(RegionDirectory, AdminSecretSetting);

    /// <summary>A token of the bootstrap admin, reused while it has minutes to live.</summary>
    public async Task<string> AdminTokenAsync()
    {
        await _adminTokenGate.WaitAsync();
        try
        {
            if (_adminToken is { } cached && cached.Until > DateTimeOffset.UtcNow) return cached.Token;
            var token = await TokenAsync(AdminClientId, AdminSecret);
            _adminToken = (token, DateTimeOffset.UtcNow.AddMinutes(5));
            return token;
        }
        finally
        {
            _adminTokenGate.Release();
        }
    }

    /// <summary>gRPC metadata carrying the bootstrap admin's token.</summary>
    public async Task<Metadata> AdminHeadersAsync() => Bearer(await AdminTokenAsync());

    /// <summary>A token for the client (client-credentials grant, secret in the form body); throws with the answer when refused.</summary>
    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        using var http = Http(RegionDirectory);
        return await TokenAsync(http, clientId, secret, scope);
    }

    /// <summary>A token from the region directory at <paramref name="directory"/> (any system, e.g. one the AppHost runs unchanged).</summary>
    public static async Task<string> TokenAsync(HttpClient directory, string clientId, string secret, string? scope = null)
    {
        using var response = await RequestTokenAsync(directory, clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token refused for {clientId}: {(int)response.StatusCode} {body}");
        var answer = System.Text.Json.JsonSerializer.Deserialize<TokenAnswer>(body)!;
        return answer.AccessToken;
    }

    /// <summary>The raw answer of <c>POST /connect/token</c>, for tests of refusals.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string? scope = null)
    {
        using var http = Http(RegionDirectory);
        return await RequestTokenAsync(http, clientId, secret, scope);
    }

    /// <summary>The raw answer of <c>POST /connect/token</c> at a directory (a regional site's copy too).</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient directory, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (scope is not null) form["scope"] = scope;
        return await directory.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// A new office client of one role and region scope ("" = national), registered at the region directory by
    /// <paramref name="admin"/>, signed in: its token as gRPC headers.
    /// </summary>
    public static async Task<Metadata> OfficeClientHeadersAsync(HttpClient directory, CallInvoker directoryCalls, Metadata admin,
        string displayName, string regionCode, string role)
    {
        var client = await new OfficeCredentials.OfficeCredentialsClient(directoryCalls).RegisterClientAsync(
            new RegisterClientRequest { DisplayName = displayName, RegionCode = regionCode, Roles = { role } }, admin);
        return Bearer(await TokenAsync(directory, client.Client.ClientId, client.ClientSecret));
    }

    /// <summary>As above, at this system's directory, registered by the bootstrap admin.</summary>
    public async Task<Metadata> OfficeClientHeadersAsync(string displayName, string regionCode, string role)
    {
        using var http = Http(RegionDirectory);
        return await OfficeClientHeadersAsync(http, Channel(RegionDirectory).CreateCallInvoker(), await AdminHeadersAsync(), displayName, regionCode, role);
    }

    /// <summary>A call invoker for a service whose every call carries <c>Authorization: Bearer {token}</c>.</summary>
    public CallInvoker Authorized(string service, string token) =>
        Channel(service).Intercept(headers =>
        {
            headers.Add("Authorization", $"Bearer {token}");
            return headers;
        });

    /// <summary>gRPC metadata with <c>Authorization: Bearer {token}</c>, to pass as a call's headers.</summary>
    public static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
