using System.Text.Json;
using Oversight.Hosting.Processes;

namespace Oversight.Hosting.Resources;

/// <summary>A named endpoint of a project: <c>http</c> (HTTP/1.1: REST, health, pages) or <c>grpc</c> (HTTP/2 cleartext).</summary>
public sealed record ProjectEndpoint(string Name, int Port)
{
    public string Url => $"http://localhost:{Port}";
}

/// <summary>
/// A .NET project run with <c>dotnet</c> from its build output, given the environment Aspire would give
/// it, ready when <c>/health</c> answers 200, and restarted with backoff when it crashes.
/// </summary>
public sealed class ProjectResource : Resource
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly List<IResourceWithConnectionString> _connectionReferences = [];
    private readonly List<ProjectResource> _serviceReferences = [];
    private readonly Dictionary<string, string> _extraEnvironment = [];
    private readonly CancellationTokenSource _stopping = new();
    private ManagedProcess? _process;
    private Task? _supervisor;
    private RunContext? _context;
    // Set while an admin (the dashboard) holds the project down: its exit is then not a crash to recover from.
    private TaskCompletionSource? _heldDown;

    public ProjectResource(string name, string projectPath, DistributedApplicationOptions options) : base(name)
    {
        ProjectPath = Path.GetFullPath(projectPath, options.RepositoryRoot);
        if (!File.Exists(ProjectPath)) throw new DistributedApplicationException($"'{name}': project file {ProjectPath} does not exist.");
        var projectDirectory = Path.GetDirectoryName(ProjectPath)!;
        AssemblyPath = Path.Combine(projectDirectory, "bin", options.BuildConfiguration, "net10.0",
            Path.GetFileNameWithoutExtension(ProjectPath) + ".dll");
        Endpoints = ReadKestrelEndpoints(projectDirectory)
            .Select(endpoint => new ProjectEndpoint(endpoint.Name, options.Port(endpoint.DefaultPort)))
            .ToList();
    }

    public override string Type => "project";

    public string ProjectPath { get; }

    public string AssemblyPath { get; }

    public IReadOnlyList<ProjectEndpoint> Endpoints { get; }

    public override IEnumerable<string> Urls => Endpoints.Select(e => e.Url);

    public override bool StopsLast => false;

    /// <summary>Backoff before restart number n (1-based): 1, 2, 4, 8, 16, then 30 s.</summary>
    public static TimeSpan RestartDelay(int attempt) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));

    public ProjectEndpoint Endpoint(string name) =>
        Endpoints.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"'{Name}' has no endpoint '{name}'.");

    internal void AddReference(IResourceWithConnectionString resource) => _connectionReferences.Add(resource);

    internal void AddReference(ProjectResource project) => _serviceReferences.Add(project);

    internal void AddEnvironment(string key, string value) => _extraEnvironment[key] = value;

    /// <summary>
    /// The environment Aspire gives a project: connection strings, service-discovery entries in both of
    /// Aspire's forms, Kestrel endpoint URLs, OpenTelemetry settings, and the development defaults.
    /// </summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment(DistributedApplicationOptions options)
    {
        var env = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            ["LOGGING__CONSOLE__FORMATTEROPTIONS__TIMESTAMPFORMAT"] = "yyyy-MM-ddTHH:mm:ss.fffffff ",
            ["LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE"] = "true",
        };

        // Like Aspire for a project whose appsettings declares Kestrel endpoints: override each one's URL.
        foreach (var endpoint in Endpoints) env[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = endpoint.Url;

        foreach (var reference in _connectionReferences)
        {
            env[$"ConnectionStrings__{reference.ConnectionName}"] = reference.ConnectionString;
        }

        foreach (var service in _serviceReferences)
        {
            foreach (var endpoint in service.Endpoints)
            {
                env[$"services__{service.Name}__{endpoint.Name}__0"] = endpoint.Url;
                env[$"{EnvironmentName(service.Name)}_{EnvironmentName(endpoint.Name)}"] = endpoint.Url;
            }
        }

        if (options.OtlpEndpoint is { } otlp)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = options.OtlpProtocol;
            env["OTEL_SERVICE_NAME"] = Name;
            env["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={InstanceId}";
            if (options.OtlpApiKey is { } key) env["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={key}";
            // Aspire's development defaults: export every second, sample everything.
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            env["OTEL_TRACES_SAMPLER"] = "always_on";
            env["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
            env["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true";
            env["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true";
            env["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        }

        foreach (var (key, value) in _extraEnvironment) env[key] = value;
        return env;
    }

    /// <summary>A stable id for this resource's process across restarts of the AppHost's run.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Aspire's second service-discovery form: upper case, non-alphanumerics to '_'.</summary>
    public static string EnvironmentName(string name) =>
        new(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        _context = context;
        SetState(ResourceState.Starting);
        if (!File.Exists(AssemblyPath))
        {
            SetState(ResourceState.FailedToStart, $"{AssemblyPath} is missing");
            throw new DistributedApplicationException($"'{Name}': {AssemblyPath} is missing; build the solution first (dotnet build Oversight.sln).");
        }
        foreach (var endpoint in Endpoints) Ports.PortAllocator.EnsureFree(endpoint.Port, $"{Name} ({endpoint.Name})");

        Environment = BuildEnvironment(context.Options);
        await LaunchAndWaitHealthyAsync(cancellationToken);
        _supervisor = SuperviseAsync();
    }

    private async Task LaunchAndWaitHealthyAsync(CancellationToken cancellationToken)
    {
        _process = ManagedProcess.Start(new ProcessSpec("dotnet", [AssemblyPath])
        {
            Environment = Environment,
            WorkingDirectory = Path.GetDirectoryName(ProjectPath),
        }, Console);
        Pid = _process.Pid;
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Running);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                var reason = $"exited with code {_process.Exited.Result} before it was healthy";
                SetState(ResourceState.Exited, reason);
                throw new DistributedApplicationException($"'{Name}' {reason}. Last lines of its log:\n  " + string.Join("\n  ", Console.Tail(15)));
            }
            var (healthy, detail) = await CheckHealthAsync(cancellationToken);
            if (healthy)
            {
                SetState(ResourceState.Healthy);
                return;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                SetState(ResourceState.Unhealthy, detail);
                throw new DistributedApplicationException($"'{Name}' not healthy after 90 s: {detail}. Last lines of its log:\n  "
                    + string.Join("\n  ", Console.Tail(15)));
            }
            await Task.Delay(250, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>GETs <c>/health</c> on the http endpoint; the body names a failing check.</summary>
    public async Task<(bool Healthy, string Detail)> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthClient.GetAsync($"{Endpoint("http").Url}/health", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.IsSuccessStatusCode, $"/health {(int)response.StatusCode}: {body}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"/health: {ex.Message}");
        }
    }

    /// <summary>Restarts the process with backoff whenever it exits without being asked to; keeps the health state fresh.</summary>
    private async Task SuperviseAsync()
    {
        var attempt = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var exited = _process!.Exited;
            var finished = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(5), _stopping.Token).ContinueWith(_ => 0));
            if (_stopping.IsCancellationRequested) return;
            if (finished != exited && _heldDown is not null) continue;
            if (finished != exited)
            {
                var (healthy, detail) = await CheckHealthAsync(_stopping.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (false, "stopping"));
                if (_stopping.IsCancellationRequested) return;
                if (healthy && State != ResourceState.Healthy) SetState(ResourceState.Healthy);
                if (!healthy && State == ResourceState.Healthy) SetState(ResourceState.Unhealthy, detail);
                if (healthy && StartedAt < DateTimeOffset.UtcNow.AddMinutes(-1)) attempt = 0;
                continue;
            }

            if (_heldDown is { } hold)
            {
                // Stopped on request: wait until released, then start again at once.
                try { await hold.Task.WaitAsync(_stopping.Token); }
                catch (OperationCanceledException) { return; }
                attempt = 0;
                try
                {
                    await LaunchAndWaitHealthyAsync(_stopping.Token);
                    _context!.Log($"{Name}: started on request (pid {Pid}) and healthy");
                }
                catch (OperationCanceledException) { return; }
                catch (DistributedApplicationException ex) { _context!.Log(ex.Message); }
                continue;
            }

            attempt++;
            var delay = RestartDelay(attempt);
            var message = $"exited with code {exited.Result}; restart {attempt} in {delay.TotalSeconds:0} s";
            SetState(ResourceState.Restarting, message);
            _context!.Log($"{Name}: {message}");
            try
            {
                await Task.Delay(delay, _stopping.Token);
                RestartCount++;
                await LaunchAndWaitHealthyAsync(_stopping.Token);
                _context.Log($"{Name}: restarted (pid {Pid}) and healthy");
            }
            catch (OperationCanceledException) { return; }
            catch (DistributedApplicationException ex) { _context.Log(ex.Message); }
        }
    }

    /// <summary>Kills the process as a crash would; the supervisor brings it back.</summary>
    public void Crash() => _process?.Kill();

    /// <summary>Stops the process and keeps it down (no restart) until <see cref="StartProcessAsync"/>: for the dashboard.</summary>
    public async Task StopProcessAsync()
    {
        if (_process is null || _supervisor is null || _stopping.IsCancellationRequested) return;
        _heldDown ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SetState(ResourceState.Stopping);
        var code = await _process.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(15));
        SetState(ResourceState.Stopped, $"stopped on request, exit code {code}");
    }

    /// <summary>Starts a project held down by <see cref="StopProcessAsync"/> again; returns once it is healthy.</summary>
    public async Task StartProcessAsync(TimeSpan? within = null)
    {
        if (Interlocked.Exchange(ref _heldDown, null) is not { } hold) return;
        hold.SetResult();
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        // The supervisor relaunches it; wait for the new process's health, not the old state.
        while (State != ResourceState.Healthy || _process is null || _process.HasExited)
        {
            if (_stopping.IsCancellationRequested) return;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{Name} not healthy again: {State} {StateDetail}");
            await Task.Delay(100);
        }
    }

    internal override async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_process is null) return;
        SetState(ResourceState.Stopping);
        var code = await _process.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(15));
        if (_supervisor is not null) await _supervisor;
        SetState(ResourceState.Stopped, $"exit code {code}");
    }

    private static IEnumerable<(string Name, int DefaultPort)> ReadKestrelEndpoints(string projectDirectory)
    {
        var settings = Path.Combine(projectDirectory, "appsettings.json");
        if (!File.Exists(settings)) throw new DistributedApplicationException($"{settings} is missing: it declares the Kestrel endpoints.");
        using var document = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Kestrel", out var kestrel) || !kestrel.TryGetProperty("Endpoints", out var endpoints))
        {
            throw new DistributedApplicationException($"{settings} declares no Kestrel:Endpoints (need at least 'http').");
        }
        foreach (var endpoint in endpoints.EnumerateObject())
        {
            var url = new Uri(endpoint.Value.GetProperty("Url").GetString()!);
            yield return (endpoint.Name, url.Port);
        }
    }
}
