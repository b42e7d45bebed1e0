using System.Text.Json;
using Grpc.Net.Client;

namespace Oversight.LoadGen.Target;

/// <summary>
/// A system started elsewhere (by the AppHost: <c>bash eng/run.sh</c>), reached through the gRPC URLs it prints
/// and its bootstrap admin's credentials. No process ids or server connection strings: the CPU, commit and
/// confirm columns stay empty, the latency and delay figures are measured as usual.
/// </summary>
public sealed class RemoteTarget : LoadTarget
{
    public static readonly string[] Names = ["complaints", "region-directory", "reporting", "notifications", "directory-http"];

    private readonly IReadOnlyDictionary<string, string> _urls;
    private readonly GrpcChannel _complaints, _directory, _reporting, _notifications;
    private readonly HttpClient _tokens;

    public RemoteTarget(IReadOnlyDictionary<string, string> urls, string adminClient, string adminSecret)
    {
        _urls = urls;
        _complaints = Open(urls["complaints"]);
        _directory = Open(urls["region-directory"]);
        _reporting = Open(urls["reporting"]);
        _notifications = Open(urls["notifications"]);
        _tokens = new HttpClient { BaseAddress = new Uri(urls["directory-http"]) };
        Admin = new TokenSource(() => TokenAsync(adminClient, adminSecret));
    }

    public override string Description => $"a running system (complaints at {_urls["complaints"]})";

    public override GrpcChannel Complaints => _complaints;
    public override GrpcChannel Directory => _directory;
    public override GrpcChannel Reporting => _reporting;
    public override GrpcChannel Notifications => _notifications;
    public override TokenSource Admin { get; }

    public override async Task<string> TokenAsync(string clientId, string secret)
    {
        using var response = await _tokens.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token refused for {clientId}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var channel in new[] { _complaints, _directory, _reporting, _notifications }) channel.Dispose();
        _tokens.Dispose();
        return ValueTask.CompletedTask;
    }
}
