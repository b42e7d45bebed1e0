using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.LocalServers;

namespace Oversight.Harness;

/// <summary>What a test asks of its system, beyond the defaults (all four services, the shared servers).</summary>
public sealed record TestSystemOptions
{
    /// <summary>The services to start (default: all four); the others are declared but never started.</summary>
    public IReadOnlyCollection<string> Services { get; init; } = [];

    /// <summary>Extra environment keyed "service:NAME" (e.g. "complaints:Complaints__RateLimit__PermitsPerMinute").</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The services' Redis, instead of the shared one (e.g. an address where nothing listens).</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>The AppHost's own options, as a user gives them (e.g. <c>--replicas 2</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Any other change to the AppHost's model before it starts.</summary>
    public Action<IDistributedApplicationTestingBuilder>? Configure { get; init; }
}

/// <summary>
/// The Oversight system as the AppHost declares it (its Program.cs, run by Aspire.Hosting.Testing), with two changes for
/// tests: the servers are the run's shared <see cref="TestServers"/> (a fresh database, virtual host and Redis key
/// prefix per system, through Aspire's connection-string redirect), and every port is random.
/// </summary>
public sealed partial class TestSystem : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly Dictionary<string, ResourceHandle> _projects;
    private readonly Dictionary<string, GrpcChannel> _channels = [];

    private TestSystem(DistributedApplication app, Dictionary<string, ResourceHandle> projects, string stateDirectory)
    {
        _app = app;
        _projects = projects;
        StateDirectory = stateDirectory;
    }

    public DistributedApplication App => _app;

    /// <summary>This system's state folder (its generated secrets, the e-mail pickup folder).</summary>
    public string StateDirectory { get; }

    public const string RegionDirectory = "region-directory";
    public const string Complaints = "complaints";
    public const string Notifications = "notifications";
    public const string Reporting = "reporting";

    /// <summary>Starts the named services (default: all four) and returns once each is healthy.</summary>
    public static Task<TestSystem> StartAsync(TestServers servers, params string[] services) =>
        StartAsync(servers, new TestSystemOptions { Services = services });

    /// <summary>As above, with the services' Redis replaced (e.g. by an address where nothing listens).</summary>
    public static Task<TestSystem> StartWithRedisAsync(TestServers servers, string? redisConnectionString, params string[] services) =>
        StartAsync(servers, new TestSystemOptions { Services = services, RedisConnectionString = redisConnectionString });

    /// <summary>As <see cref="StartAsync(TestServers, string[])"/>, with extra environment keyed "service:NAME".</summary>
    public static Task<TestSystem> StartWithEnvironmentAsync(TestServers servers, IReadOnlyDictionary<string, string> environment, params string[] services) =>
        StartAsync(servers, new TestSystemOptions { Services = services, Environment = environment });

    /// <summary>As <see cref="StartAsync(TestServers, string[])"/>, with extra environment for the notifications service.</summary>
    public static Task<TestSystem> StartWithNotificationSettingsAsync(TestServers servers, IReadOnlyDictionary<string, string> settings, params string[] services) =>
        StartAsync(servers, new TestSystemOptions
        {
            Services = services,
            Environment = settings.ToDictionary(s => $"{Notifications}:{s.Key}", s => s.Value),
        });

    public static async Task<TestSystem> StartAsync(TestServers servers, TestSystemOptions options)
    {
        // The directory always runs: every other service waits for it, and tests sign in there.
        var wanted = options.Services.Count == 0 ? [RegionDirectory, Complaints, Notifications, Reporting] : options.Services.Append(RegionDirectory).ToHashSet();
        var stateDirectory = Path.Combine(servers.StateDirectory, "systems", Guid.NewGuid().ToString("N")[..8]);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Oversight_AppHost>(
            [$"--{LocalServer.StateDirectoryKey}={stateDirectory}", .. options.Arguments],
            (appOptions, _) => appOptions.DisableDashboard = true);

        await SharedServers.UseAsync(builder, servers, options.RedisConnectionString);
        var keyPrefix = TestServers.NewKeyPrefix();
        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);
        projects[RegionDirectory].Annotations.Add(EnvironmentValue("RegionDirectory__CacheKeyPrefix", keyPrefix + "directory:"));
        projects[Reporting].Annotations.Add(EnvironmentValue("Reporting__KeyPrefix", keyPrefix + "reporting:"));
        projects[Notifications].Annotations.Add(EnvironmentValue("Notifications__CacheKeyPrefix", keyPrefix + "notifications:"));
        projects[Complaints].Annotations.Add(EnvironmentValue("Complaints__Routing__SharedKeyPrefix", keyPrefix + "complaints:routing:"));
        foreach (var (key, value) in options.Environment)
        {
            var (service, name) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
            projects[service].Annotations.Add(EnvironmentValue(name, value));
        }
        if (options.RedisConnectionString is not null)
        {
            // Without Redis each service is Degraded on purpose, which Aspire's WaitFor never takes for ready: let the
            // services start without waiting for each other (each still waits for its servers).
            foreach (var project in projects.Values)
            {
                foreach (var wait in project.Annotations.OfType<WaitAnnotation>().Where(w => w.Resource is ProjectResource).ToList())
                {
                    project.Annotations.Remove(wait);
                }
            }
        }
        // A service the test does not want is declared (its endpoints still resolve for the others) but never started.
        foreach (var (name, project) in projects)
        {
            if (!wanted.Contains(name)) project.Annotations.Add(new ExplicitStartupAnnotation());
        }
        options.Configure?.Invoke(builder);

        var app = await builder.BuildAsync();
        var handles = projects.Values.ToDictionary(p => p.Name, p => new ResourceHandle(app, p));
        try
        {
            await app.StartAsync().WaitAsync(TimeSpan.FromMinutes(3));
            foreach (var name in wanted)
            {
                // Running and answering /health: Healthy, or Degraded where a test took a dependency away.
                await app.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text == KnownResourceStates.Running
                    && e.Snapshot.HealthStatus is HealthStatus.Healthy or HealthStatus.Degraded).WaitAsync(TimeSpan.FromMinutes(3));
                await handles[name].ReadEnvironmentAsync();
            }
        }
        catch (Exception ex)
        {
            var failure = StartFailure.Explain(app, "The test system", ex);
            foreach (var handle in handles.Values) await handle.DisposeAsync();
            await app.DisposeAsync();
            throw failure;
        }
        return new TestSystem(app, handles, stateDirectory);
    }

    private static EnvironmentCallbackAnnotation EnvironmentValue(string name, string value) => new(env => env[name] = value);

    /// <summary>A service of this system.</summary>
    public ResourceHandle Project(string name) => _projects[name];

    /// <summary>The environment a service was started with (connection strings, key prefixes).</summary>
    public string Setting(string service, string key) => Project(service).Environment[key];

    /// <summary>A gRPC channel to a service's HTTP/2 endpoint, reused for the test's life.</summary>
    public GrpcChannel Channel(string service)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(service, out var channel))
            {
                channel = GrpcChannel.ForAddress(Project(service).Endpoint("grpc"));
                _channels[service] = channel;
            }
            return channel;
        }
    }

    /// <summary>An HttpClient for a service's HTTP/1.1 endpoint (REST, /health).</summary>
    public HttpClient Http(string service) => new() { BaseAddress = Project(service).Endpoint("http") };

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        // The system is thrown away: kill its services rather than wait for each graceful stop (seconds each, under DCP);
        // tests of a graceful stop do that themselves.
        foreach (var handle in _projects.Values)
        {
            foreach (var instance in handle.InstanceIds) handle.Crash(instance);
            await handle.DisposeAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
