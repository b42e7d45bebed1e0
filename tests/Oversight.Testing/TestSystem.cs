using Grpc.Net.Client;
using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.Testing;

/// <summary>
/// The Oversight services (all four, or the ones a test names) as real processes on free ports, wired
/// to the shared <see cref="TestServers"/> through fresh databases, a fresh virtual host and a fresh
/// Redis key prefix: the AppHost's wiring, with the servers handed in as connection strings.
/// </summary>
public sealed partial class TestSystem : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly Dictionary<string, GrpcChannel> _channels = [];

    private TestSystem(DistributedApplication app) => _app = app;

    public DistributedApplication App => _app;

    public const string RegionDirectory = "region-directory";
    public const string Complaints = "complaints";
    public const string Notifications = "notifications";
    public const string Reporting = "reporting";

    /// <summary>Starts the named services (default: all four) and returns once each answers /health.</summary>
    public static Task<TestSystem> StartAsync(TestServers servers, params string[] services) =>
        StartWithRedisAsync(servers, redisConnectionString: null, services);

    /// <summary>As above, with the services' Redis replaced (e.g. by an address where nothing listens).</summary>
    public static Task<TestSystem> StartWithRedisAsync(TestServers servers, string? redisConnectionString, params string[] services) =>
        StartCoreAsync(servers, redisConnectionString, new Dictionary<string, string>(), services);

    /// <summary>As <see cref="StartAsync"/>, with extra environment variables keyed "service:NAME" (e.g. "complaints:Complaints__RateLimit__PermitsPerMinute").</summary>
    public static Task<TestSystem> StartWithEnvironmentAsync(TestServers servers, IReadOnlyDictionary<string, string> environment, params string[] services) =>
        StartCoreAsync(servers, redisConnectionString: null, environment, services);

    private static async Task<TestSystem> StartCoreAsync(TestServers servers, string? redisConnectionString, IReadOnlyDictionary<string, string> environment, params string[] services)
    {
        var wanted = services.Length == 0 ? [RegionDirectory, Complaints, Notifications, Reporting] : services.ToHashSet();
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(servers.StateDirectory, "systems", Guid.NewGuid().ToString("N")[..8]),
            RandomPorts = true,
            EchoConsole = false,
        });
        if (WithDashboard.Value) builder.AddDashboard();
        var cache = builder.AddConnectionString("cache", redisConnectionString ?? servers.Redis.ConnectionString);
        var messaging = builder.AddConnectionString("messaging", await servers.CreateVirtualHostAsync());
        var keyPrefix = TestServers.NewKeyPrefix();

        var directory = builder.AddProject(RegionDirectory, "services/RegionDirectory/Oversight.RegionDirectory.csproj")
            .WithReference(builder.AddConnectionString("directorydb", await servers.CreateDatabaseAsync("directory")))
            .WithReference(cache).WithReference(messaging)
            .WithEnvironment("RegionDirectory__CacheKeyPrefix", keyPrefix + "directory:")
            .WithTestAdmin();

        if (wanted.Contains(Complaints))
        {
            builder.AddProject(Complaints, "services/Complaints/Oversight.Complaints.csproj")
                .WithReference(builder.AddConnectionString("complaintsdb", await servers.CreateDatabaseAsync("complaints")))
                .WithReference(cache).WithReference(messaging)
                .WithReference(directory).WaitFor(directory)
                // A fresh reporter-identity key per system, supplied as the AppHost does.
                .WithEnvironment("Complaints__IdentityKeys__k1", Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
                .WithEnvironment("Complaints__CurrentIdentityKeyId", "k1");
        }
        if (wanted.Contains(Notifications))
        {
            builder.AddProject(Notifications, "services/Notifications/Oversight.Notifications.csproj")
                .WithReference(builder.AddConnectionString("notificationsdb", await servers.CreateDatabaseAsync("notifications")))
                .WithReference(cache).WithReference(messaging)
                .WithReference(directory).WaitFor(directory)
                .WithTestNotificationsWiring(directory);
        }
        if (wanted.Contains(Reporting))
        {
            var reporting = builder.AddProject(Reporting, "services/Reporting/Oversight.Reporting.csproj")
                .WithReference(cache).WithReference(messaging)
                .WithReference(directory).WaitFor(directory)
                .WithEnvironment("Reporting__KeyPrefix", keyPrefix + "reporting:");
            // The export stream a rebuild reads, when the system has the complaints service.
            if (builder.Resources.OfType<ProjectResource>().SingleOrDefault(r => r.Name == Complaints) is { } complaints)
            {
                reporting.WithReference(new ResourceBuilder<ProjectResource>(complaints, builder));
            }
        }

        foreach (var (key, value) in environment)
        {
            var (service, name) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
            var project = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == service);
            new ResourceBuilder<ProjectResource>(project, builder).WithEnvironment(name, value);
        }

        var app = builder.Build();
        await app.StartAsync();
        return new TestSystem(app);
    }

    public ProjectResource Project(string name) => _app.Get<ProjectResource>(name);

    /// <summary>The environment a service was started with (connection strings, key prefixes).</summary>
    public string Setting(string service, string key) => Project(service).Environment[key];

    /// <summary>A gRPC channel to a service's HTTP/2 endpoint, reused for the test's life.</summary>
    public GrpcChannel Channel(string service)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(service, out var channel))
            {
                channel = GrpcChannel.ForAddress(Project(service).Endpoint("grpc").Url);
                _channels[service] = channel;
            }
            return channel;
        }
    }

    /// <summary>An HttpClient for a service's HTTP/1.1 endpoint (REST, /health).</summary>
    public HttpClient Http(string service) => new() { BaseAddress = new Uri(Project(service).Endpoint("http").Url) };

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        await _app.DisposeAsync();
    }
}
