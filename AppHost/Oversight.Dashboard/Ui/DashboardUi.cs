using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Oversight.Dashboard.Telemetry;

namespace Oversight.Dashboard.Ui;

/// <summary>Endpoint metadata: served on the UI port only (and the OTLP endpoints never there).</summary>
internal sealed class UiEndpoint
{
    public static readonly UiEndpoint Instance = new();
}

/// <summary>
/// The pages (one HTML shell, app.js and app.css from embedded resources) and the JSON APIs they use:
/// <list type="bullet">
/// <item><c>GET /api/resources</c>: the AppHost's resources, environment masked (<see cref="SecretMasker"/>).</item>
/// <item><c>GET /api/resources/{name}/console?after=N</c>: console lines with a sequence above N; <c>console.txt</c> downloads them.</item>
/// <item><c>POST /api/resources/{name}/stop|start|restart</c>: 202 once under way (projects and servers).</item>
/// <item><c>GET /api/telemetry</c>: the resources that sent telemetry, with what the store dropped.</item>
/// <item><c>GET /api/logs?resource=&amp;level=&amp;text=&amp;traceId=&amp;limit=</c>, <c>GET /api/traces?resource=&amp;text=&amp;limit=</c>, <c>GET /api/traces/{id}</c>.</item>
/// <item><c>GET /api/metrics/{resource}</c> (instruments), <c>GET /api/metrics/{resource}/{instrument}?scope=</c> (points).</item>
/// <item><c>GET /api/events</c>: Server-Sent Events, one <c>change</c> message per <see cref="EventInterval"/> at most.</item>
/// </list>
/// A telemetry resource is named by its <c>service.name</c> (the instance last heard from) or <c>name@instance</c>.
/// </summary>
internal static class DashboardUi
{
    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly string[] Pages = ["/", "/consolelogs", "/structuredlogs", "/traces", "/traces/detail/{id}", "/metrics"];

    public static void MapDashboardUi(this WebApplication app, DashboardAuth auth, IDashboardResources? resources)
    {
        var ui = app.MapGroup("").WithMetadata(UiEndpoint.Instance);
        var store = app.Services.GetService(typeof(TelemetryStore)) as TelemetryStore ?? throw new InvalidOperationException("No store.");

        foreach (var page in Pages) ui.MapGet(page, () => Asset("index.html", "text/html; charset=utf-8"));
        ui.MapGet("/static/app.js", () => Asset("app.js", "text/javascript; charset=utf-8"));
        ui.MapGet("/static/app.css", () => Asset("app.css", "text/css; charset=utf-8"));

        ui.MapGet("/login", (HttpContext context, string? t) =>
        {
            if (auth.IsValidToken(t))
            {
                auth.SignIn(context);
                return Results.Redirect("/");
            }
            var wrong = t is not null;
            return Results.Content(SignInPage(wrong), "text/html; charset=utf-8", Encoding.UTF8,
                wrong ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
        });

        ui.MapGet("/api/resources", () => Results.Json(new
        {
            resources = (resources?.GetResources() ?? []).Select(r => new
            {
                r.Name, r.Type, r.State, r.StateDetail, r.Pid, r.StartedAt, r.RestartCount, r.Urls, r.CanControl, r.ConsoleDropped,
                environment = SecretMasker.MaskAll(r.Environment).Select(e => new { name = e.Name, value = e.Value, masked = e.Masked }),
            }),
        }, Json));

        ui.MapGet("/api/resources/{name}/console", (string name, long? after) =>
            resources?.GetConsole(name, after ?? 0) is { } slice
                ? Results.Json(new
                {
                    lines = slice.Lines.Select(l => new { seq = l.Sequence, time = l.Timestamp, error = l.IsError, text = l.Text }),
                    slice.Dropped, slice.Next,
                }, Json)
                : NotFound($"No resource '{name}'."));

        ui.MapGet("/api/resources/{name}/console.txt", (string name) =>
        {
            if (resources?.GetConsole(name, 0) is not { } slice) return NotFound($"No resource '{name}'.");
            var text = new StringBuilder();
            if (slice.Dropped > 0) text.Append($"# {slice.Dropped} older lines dropped\n");
            foreach (var line in slice.Lines) text.Append(line.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ")).Append(line.IsError ? " ERR " : " ").Append(line.Text).Append('\n');
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8", $"{name}-console.txt");
        });

        ui.MapPost("/api/resources/{name}/{command}", (string name, string command) =>
        {
            if (command is not ("stop" or "start" or "restart")) return NotFound($"No command '{command}' (stop, start, restart).");
            if (resources is null || resources.GetResources().FirstOrDefault(r => r.Name == name) is not { } resource) return NotFound($"No resource '{name}'.");
            if (!resource.CanControl) return Results.Json(new { error = $"'{name}' ({resource.Type}) cannot be stopped or started from here." }, Json, statusCode: StatusCodes.Status400BadRequest);
            return resources.Execute(name, command) is { } error
                ? Results.Json(new { error }, Json, statusCode: StatusCodes.Status409Conflict)
                : Results.Json(new { accepted = command, resource = name }, Json, statusCode: StatusCodes.Status202Accepted);
        });

        ui.MapGet("/api/telemetry", () => Results.Json(new
        {
            resources = store.GetResources().Select(r => new
            {
                id = Id(store, r.Key), name = r.Key.ServiceName, instanceId = r.Key.InstanceId, r.FirstSeen, r.LastSeen,
                r.SpanCount, r.LogCount, r.InstrumentCount, r.DroppedSpans, r.DroppedLogs, r.DroppedMetricPoints,
            }),
            rejectedForResourceLimit = store.RejectedForResourceLimit,
            limits = store.Limits,
        }, Json));

        ui.MapGet("/api/logs", (string? resource, string? level, string? text, string? traceId, int? limit) =>
        {
            ResourceKey? key = null;
            if (!string.IsNullOrEmpty(resource) && (key = Resolve(store, resource)) is null) return Results.Json(new { logs = Array.Empty<object>() }, Json);
            var severity = Enum.TryParse<LogSeverity>(level, ignoreCase: true, out var s) ? s : LogSeverity.Unspecified;
            var logs = store.GetLogs(new LogQuery(key, severity, text, traceId, Math.Clamp(limit ?? 500, 1, 5000)));
            return Results.Json(new
            {
                logs = logs.Select(l => new
                {
                    resource = l.Resource.ServiceName, time = l.Timestamp, level = l.Severity.ToString(), l.SeverityText, l.Message, l.Scope,
                    l.EventName, attributes = l.Attributes.Select(a => new { a.Key, a.Value }), l.TraceId, l.SpanId,
                }),
            }, Json);
        });

        ui.MapGet("/api/traces", (string? resource, string? text, int? limit) =>
        {
            ResourceKey? key = null;
            if (!string.IsNullOrEmpty(resource) && (key = Resolve(store, resource)) is null) return Results.Json(new { traces = Array.Empty<object>() }, Json);
            var traces = store.GetTraces(new TraceQuery(key, text, Math.Clamp(limit ?? 200, 1, 2000)));
            return Results.Json(new
            {
                traces = traces.Select(t => new
                {
                    t.TraceId, start = t.Start, durationMs = t.Duration.TotalMilliseconds, name = t.RootName, rootResource = t.RootResource.ServiceName,
                    resources = t.Resources.Select(r => r.ServiceName).Distinct(), spans = t.SpanCount, error = t.HasError,
                }),
            }, Json);
        });

        ui.MapGet("/api/traces/{id}", (string id) =>
        {
            if (store.GetTrace(id) is not { } trace) return NotFound($"No trace '{id}' (it may have been dropped).");
            return Results.Json(new
            {
                trace.TraceId, start = trace.Start, durationMs = trace.Duration.TotalMilliseconds,
                spans = trace.Spans.Select(s => new
                {
                    s.SpanId, s.ParentSpanId, s.Name, kind = s.Kind.ToString(), resource = s.Resource.ServiceName, s.Scope,
                    start = s.Start, offsetMs = (s.Start - trace.Start).TotalMilliseconds, durationMs = s.Duration.TotalMilliseconds,
                    status = s.Status.ToString(), s.StatusMessage,
                    attributes = s.Attributes.Select(a => new { a.Key, a.Value }),
                    events = s.Events.Select(e => new { time = e.Time, offsetMs = (e.Time - trace.Start).TotalMilliseconds, e.Name, attributes = e.Attributes.Select(a => new { a.Key, a.Value }) }),
                    links = s.Links.Select(l => new { l.TraceId, l.SpanId }),
                }),
            }, Json);
        });

        ui.MapGet("/api/metrics/{resource}", (string resource) =>
            Resolve(store, resource) is { } key
                ? Results.Json(new { instruments = store.GetInstruments(key).Select(i => new { i.Scope, i.Name, i.Description, i.Unit, kind = i.Kind.ToString(), i.IsMonotonic, i.PointCount, i.DroppedPoints }) }, Json)
                : NotFound($"No telemetry from '{resource}'."));

        ui.MapGet("/api/metrics/{resource}/{instrument}", (string resource, string instrument, string? scope) =>
        {
            if (Resolve(store, resource) is not { } key || store.GetMetric(key, instrument, scope) is not { } series) return NotFound($"No instrument '{instrument}' of '{resource}'.");
            var i = series.Instrument;
            return Results.Json(new
            {
                instrument = new { i.Scope, i.Name, i.Description, i.Unit, kind = i.Kind.ToString(), i.IsMonotonic, i.PointCount, i.DroppedPoints },
                points = series.Points.Select(p => new
                {
                    // start: a cumulative series keeps its start, so the page can chart the change per interval.
                    start = p.Start, time = p.Time, p.Value, p.Count, p.Min, p.Max,
                    attributes = string.Join(", ", p.Attributes.Select(a => $"{a.Key}={a.Value}")),
                }),
            }, Json);
        });

        ui.MapGet("/api/events", (HttpContext context) => StreamEventsAsync(context, store, resources));
    }

    /// <summary>
    /// Server-Sent Events: a <c>hello</c> at once, then at most one <c>change</c> message per <see cref="EventInterval"/>
    /// naming what changed (resources, console of which resources, logs, traces, metrics), however many
    /// notifications arrived in between; a comment every 15 s keeps proxies from closing the stream.
    /// </summary>
    private static async Task StreamEventsAsync(HttpContext context, TelemetryStore store, IDashboardResources? resources)
    {
        var coalescer = new ChangeCoalescer();
        void OnResource(string name, bool console) => coalescer.Resource(name, console);
        void OnTelemetry(TelemetryChange change) => coalescer.Telemetry(change.Resource.ServiceName,
            change.Kinds.HasFlag(TelemetryKinds.Logs), change.Kinds.HasFlag(TelemetryKinds.Spans),
            change.Kinds.HasFlag(TelemetryKinds.Metrics), change.Kinds.HasFlag(TelemetryKinds.Resources));

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        if (resources is not null) resources.Changed += OnResource;
        store.Changed += OnTelemetry;
        try
        {
            await response.WriteAsync($"retry: 2000\nevent: hello\ndata: {{\"intervalMs\":{EventInterval.TotalMilliseconds}}}\n\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            var quiet = TimeSpan.Zero;
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await Task.Delay(EventInterval, context.RequestAborted);
                if (coalescer.Take() is { } set)
                {
                    quiet = TimeSpan.Zero;
                    await response.WriteAsync($"event: change\ndata: {JsonSerializer.Serialize(set, Json)}\n\n", context.RequestAborted);
                }
                else if ((quiet += EventInterval) >= KeepAlive)
                {
                    quiet = TimeSpan.Zero;
                    await response.WriteAsync(": keep-alive\n\n", context.RequestAborted);
                }
                else continue;
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            store.Changed -= OnTelemetry;
            if (resources is not null) resources.Changed -= OnResource;
        }
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static IResult NotFound(string error) => Results.Json(new { error }, Json, statusCode: StatusCodes.Status404NotFound);

    /// <summary>"name" (the instance last heard from) or "name@instance".</summary>
    internal static ResourceKey? Resolve(TelemetryStore store, string resource)
    {
        var at = resource.IndexOf('@');
        var name = at < 0 ? resource : resource[..at];
        var candidates = store.GetResources().Where(r => r.Key.ServiceName == name && (at < 0 || r.Key.InstanceId == resource[(at + 1)..]));
        return candidates.MaxBy(r => r.LastSeen)?.Key;
    }

    private static string Id(TelemetryStore store, ResourceKey key) =>
        store.GetResources().Count(r => r.Key.ServiceName == key.ServiceName) > 1 ? $"{key.ServiceName}@{key.InstanceId}" : key.ServiceName;

    private static IResult Asset(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Oversight.Dashboard.Ui.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Results.Bytes(memory.ToArray(), contentType);
    }

    private static string SignInPage(bool wrongToken) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · Oversight dashboard</title><link rel="stylesheet" href="/static/app.css"></head>
        <body class="signin"><main>
        <h1>Oversight dashboard</h1>
        {{(wrongToken ? "<p class=\"error\">That token is not this run's. Copy the sign-in URL the AppHost printed again.</p>" : "")}}
        <p>The AppHost printed a sign-in URL when it started (<code>dashboard: sign in at http://localhost:18888/login?t=...</code>).
        Open it, or paste the token below.</p>
        <form method="get" action="/login"><label>Token <input name="t" autocomplete="off" autofocus required></label>
        <button type="submit">Sign in</button></form>
        </main></body></html>
        """;
}
