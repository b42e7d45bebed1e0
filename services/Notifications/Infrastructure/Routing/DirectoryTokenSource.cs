using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Oversight.Notifications.Infrastructure.Routing;

/// <summary>
/// The service's own access token at the region directory (client-credentials grant on <c>/connect/token</c>),
/// cached until a minute before it expires. Routing needs a token; this one is national with the integrator role.
/// </summary>
public sealed class DirectoryTokenSource(IHttpClientFactory httpClients, IOptions<DirectoryClientOptions> options, TimeProvider time)
{
    public const string HttpClientName = "directory-token";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.RenewAt > time.GetUtcNow()) return cached.Token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.RenewAt > time.GetUtcNow()) return again.Token;
            var client = options.Value;
            if (string.IsNullOrEmpty(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret))
            {
                throw new InvalidOperationException(
                    $"No directory client configured: set {DirectoryClientOptions.Section}:ClientId and ClientSecret (the AppHost does this).");
            }

            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.ClientId,
                ["client_secret"] = client.ClientSecret,
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // The body may say why (unknown client, revoked); it never contains the secret.
                throw new HttpRequestException($"The directory refused the notifications client's token: HTTP {(int)response.StatusCode}");
            }
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken)
                ?? throw new HttpRequestException("The directory's token answer was empty");
            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn - 60, 30));
            _cached = (answer.AccessToken, time.GetUtcNow().Add(lifetime));
            return answer.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts the service's directory token on every call of the directory's gRPC client.</summary>
public sealed class DirectoryTokenHandler(DirectoryTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
