using System.Net.Http.Json;
using Oversight.Hosting;
using Oversight.Hosting.Resources;
using Xunit;

namespace Oversight.Testing;

/// <summary>
/// One PostgreSQL, one Redis and one RabbitMQ for the whole test run, on free ports in a temporary
/// folder. Starting a RabbitMQ per test would take minutes on two cores, so tests share these and
/// isolate themselves: a database each, a virtual host each, a Redis key prefix each.
/// Use it as an xunit assembly fixture: <c>[assembly: AssemblyFixture(typeof(TestServers))]</c>.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private DistributedApplication? _app;

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "oversight-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public PostgresServerResource Postgres => _app!.Get<PostgresServerResource>("postgres");

    public RedisResource Redis => _app!.Get<RedisResource>("cache");

    public RabbitMQServerResource RabbitMQ => _app!.Get<RabbitMQServerResource>("messaging");

    public async ValueTask InitializeAsync()
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            StateDirectory = StateDirectory,
            RandomPorts = true,
            EchoConsole = false,
        });
        builder.AddPostgres("postgres");
        builder.AddRedis("cache");
        builder.AddRabbitMQ("messaging");
        _app = builder.Build();
        await _app.StartAsync();
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 33)].ToLowerInvariant();
        await Postgres.EnsureDatabaseAsync(name, CancellationToken.None);
        return $"{Postgres.ConnectionString};Database={name}";
    }

    /// <summary>A new RabbitMQ virtual host with full permissions for the default user; its AMQP connection string.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var vhost = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var http = RabbitMQ.CreateManagementClient();
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{RabbitMQServerResource.UserName}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return $"{RabbitMQ.ConnectionString}/{vhost}";
    }

    /// <summary>A Redis key prefix no other test uses.</summary>
    public static string NewKeyPrefix() => $"test:{Guid.NewGuid():N}:";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
