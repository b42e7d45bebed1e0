using Grpc.Net.Client;
using Oversight.Harness;

namespace Oversight.LoadGen.Target;

/// <summary>
/// The default target: PostgreSQL, Redis, RabbitMQ and the four services started here with the test library
/// (the AppHost's wiring, fresh databases), notifications allowed to call the loopback webhook receiver.
/// </summary>
public sealed class SelfStartedTarget : LoadTarget
{
    private readonly TestServers _servers;
    private readonly TestSystem _system;
    private readonly GrpcChannel _complaints, _directory, _reporting, _notifications;

    private SelfStartedTarget(TestServers servers, TestSystem system)
    {
        (_servers, _system) = (servers, system);
        _complaints = Open(Url(TestSystem.Complaints));
        _directory = Open(Url(TestSystem.RegionDirectory));
        _reporting = Open(Url(TestSystem.Reporting));
        _notifications = Open(Url(TestSystem.Notifications));
        Admin = new TokenSource(system.AdminTokenAsync);
    }

    /// <summary>Starts servers and services; <paramref name="environment"/> adds settings keyed "service:NAME" (as TestSystem.StartWithEnvironmentAsync).</summary>
    public static async Task<SelfStartedTarget> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var servers = new TestServers();
        await servers.InitializeAsync();
        try
        {
            var settings = new Dictionary<string, string>(environment)
            {
                // The webhook delay's receiver listens on loopback, which the service refuses unless told otherwise.
                ["notifications:Notifications__Webhooks__AllowPrivateAddresses"] = "true",
            };
            return new SelfStartedTarget(servers, await TestSystem.StartWithEnvironmentAsync(servers, settings));
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public override string Description => "a system started by the load generator with the test library (all four services, Release build)";

    public override GrpcChannel Complaints => _complaints;
    public override GrpcChannel Directory => _directory;
    public override GrpcChannel Reporting => _reporting;
    public override GrpcChannel Notifications => _notifications;
    public override TokenSource Admin { get; }

    public override Task<string> TokenAsync(string clientId, string secret) => _system.TokenAsync(clientId, secret);

    public override IReadOnlyDictionary<string, int> Processes
    {
        get
        {
            var processes = new Dictionary<string, int>();
            foreach (var name in new[] { TestSystem.Complaints, TestSystem.RegionDirectory, TestSystem.Notifications, TestSystem.Reporting })
                if (_system.Project(name).Pid is { } pid) processes[name] = pid;
            if (_servers.Postgres.Pid is { } postgres) processes["postgresql"] = postgres;
            if (_servers.RabbitMQ.Pid is { } rabbit) processes["rabbitmq"] = rabbit;
            if (_servers.Redis.Pid is { } redis) processes["redis"] = redis;
            processes["loadgen"] = Environment.ProcessId;
            return processes;
        }
    }

    public override string? ComplaintsDatabase => _system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb");

    public override async Task<string?> ScratchDatabaseAsync() => await _servers.CreateDatabaseAsync("loadgen");

    public override string? Messaging => _system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging");

    private string Url(string service) => _system.Project(service).Endpoint("grpc").ToString().TrimEnd('/');

    public override async ValueTask DisposeAsync()
    {
        foreach (var channel in new[] { _complaints, _directory, _reporting, _notifications }) channel.Dispose();
        await _system.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
