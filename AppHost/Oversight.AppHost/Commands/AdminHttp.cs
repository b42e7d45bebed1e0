using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.AppHost.Commands;

/// <summary>How the commands call a service: its HTTP/1.1 endpoint (REST through gRPC JSON transcoding, /health).</summary>
internal static class AdminHttp
{
    // Each call sets its own time limit; the dashboard's cancel (or the caller's token) ends it sooner.
    private static readonly HttpClient Client = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The service's <c>http</c> endpoint, as the dashboard shows it.</summary>
    public static string BaseUrl(IResource resource)
    {
        var endpoint = ((IResourceWithEndpoints)resource).GetEndpoint("http");
        if (!endpoint.IsAllocated) throw new AdminCommandException($"{resource.Name} has no HTTP endpoint yet: is it running?");
        return endpoint.Url;
    }

    /// <summary>Sends the request and reads the answer as JSON; an answer that is not JSON is an <see cref="AdminCommandException"/>.</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpRequestMessage request, TimeSpan within, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(within);
        using var response = await Client.SendAsync(request, limit.Token);
        var text = await response.Content.ReadAsStringAsync(limit.Token);
        try
        {
            using var document = JsonDocument.Parse(text);
            return ((int)response.StatusCode, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new AdminCommandException($"{request.RequestUri} answered {(int)response.StatusCode} without JSON: {Shorten(text)}");
        }
    }

    /// <summary>A JSON POST with the bearer token.</summary>
    public static HttpRequestMessage Post(string url, object body, string token) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>
    /// The words of a refusal: gRPC JSON transcoding answers <c>{"code":..,"message":..}</c>, the token endpoint
    /// <c>{"error":..,"error_description":..}</c>.
    /// </summary>
    public static string Refusal(int status, JsonElement body)
    {
        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        var words = Text("message") ?? Text("error_description") ?? Text("error") ?? Shorten(body.GetRawText());
        return status switch
        {
            401 => $"not signed in ({words})",
            403 => $"not allowed ({words})",
            503 => $"unavailable ({words})",
            _ => words,
        };
    }

    /// <summary>A number field that JSON transcoding may write as a number (int32) or as a string (int64); 0 when absent.</summary>
    public static long Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetInt64(),
                JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => 0,
            }
            : 0;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>
/// A national admin's token for the commands that need one: the bootstrap admin's (client credentials at the region
/// directory's <c>/connect/token</c>, with the secret the AppHost generated). Not cached: a command is rare, a token cheap.
/// </summary>
internal static class AdminToken
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    public static async Task<string> GetAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<DistributedApplicationModel>().Resources
            .FirstOrDefault(resource => resource.HasAnnotationOfType<BootstrapAdminAnnotation>())
            ?? throw new AdminCommandException("No resource holds the bootstrap admin (WithBootstrapAdmin in the AppHost).");
        var secret = directory.Annotations.OfType<BootstrapAdminAnnotation>().Last().Secret;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = BootstrapAdmin.ClientId,
            ["client_secret"] = await secret.GetValueAsync(cancellationToken) ?? "",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminHttp.BaseUrl(directory)}/connect/token") { Content = form };
        var (status, body) = await AdminHttp.SendAsync(request, Within, cancellationToken);
        if (status == 200 && body.TryGetProperty("access_token", out var token) && token.GetString() is { Length: > 0 } value) return value;
        throw new AdminCommandException(
            $"The region directory refused a token to the bootstrap admin '{BootstrapAdmin.ClientId}': {AdminHttp.Refusal(status, body)}. "
            + "If its secret was rotated, the one in the state folder's secrets.json no longer works (docs/operations.md, \"The admin sign-in\").");
    }
}
