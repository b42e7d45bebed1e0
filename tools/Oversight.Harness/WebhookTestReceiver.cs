using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Oversight.Harness;

/// <summary>One webhook call as the receiver saw it, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredStatus, DateTimeOffset At);

/// <summary>
/// An HTTP receiver on loopback for webhook tests. Each path answers as its behaviour says (given the path's call
/// number, 1 for the first), 200 by default; every call is recorded.
/// </summary>
public sealed class WebhookTestReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<int, int>> _behaviours = new();
    private readonly ConcurrentDictionary<string, int> _callCounts = new();
    private readonly Task _loop;

    public WebhookTestReceiver()
    {
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public ConcurrentQueue<ReceivedWebhook> Calls { get; } = new();

    /// <summary>Sets how <paramref name="path"/> answers: a status per call number.</summary>
    public string Answer(string path, Func<int, int> statusForCall)
    {
        _behaviours[path] = statusForCall;
        return BaseUrl + path;
    }

    public IReadOnlyList<ReceivedWebhook> CallsTo(string path) => Calls.Where(c => c.Path == path).ToList();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            var call = _callCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
            var status = _behaviours.TryGetValue(path, out var behaviour) ? behaviour(call) : 200;
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Calls.Enqueue(new ReceivedWebhook(path, headers, body, status, DateTimeOffset.UtcNow));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
