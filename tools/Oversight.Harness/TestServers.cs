using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Oversight.LocalServers;
using Xunit;

namespace Oversight.Harness;

/// <summary>
/// One PostgreSQL, one Redis and one RabbitMQ for the whole test run: the AppHost's own servers (its Program.cs, run by
/// Aspire.Hosting.Testing, with the services taken out of the model), run by DCP on free ports with their state in a
/// temporary folder. Starting a RabbitMQ per test would take minutes on two cores, so tests
/// share these and isolate themselves: a database each, a virtual host each, a Redis key prefix each.
/// Use it as an xunit assembly fixture: <c>[assembly: AssemblyFixture(typeof(TestServers))]</c>.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private DistributedApplication? _app;
    private readonly Dictionary<string, string> _connectionStrings = [];

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "oversight-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public ServerHandle Postgres { get; private set; } = null!;

    public ServerHandle Redis { get; private set; } = null!;

    public ServerHandle RabbitMQ { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Oversight_AppHost>(
            [$"--{LocalServer.StateDirectoryKey}={StateDirectory}"],
            (appOptions, _) => appOptions.DisableDashboard = true);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList()) builder.Resources.Remove(project);
        builder.CreateResourceBuilder(builder.Resources.OfType<PostgresServerResource>().Single()).WithoutFsync();
        _app = await builder.BuildAsync();
        await _app.StartAsync();
        foreach (var name in new[] { "postgres", "cache", "messaging" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(TimeSpan.FromMinutes(3));
            var resource = (IResourceWithConnectionString)builder.Resources.Single(r => r.Name == name);
            _connectionStrings[name] = (await resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None))!;
        }
        Postgres = new ServerHandle(_app, builder.Resources.Single(r => r.Name == "postgres"), _connectionStrings["postgres"]);
        Redis = new ServerHandle(_app, builder.Resources.Single(r => r.Name == "cache"), _connectionStrings["cache"]);
        RabbitMQ = new ServerHandle(_app, builder.Resources.Single(r => r.Name == "messaging"), _connectionStrings["messaging"])
        {
            ManagementUri = ((RabbitMQServerResource)builder.Resources.Single(r => r.Name == "messaging")).ManagementEndpoint.Url,
        };
    }

    /// <summary>The value of one of the AppHost's secret parameters (e.g. "messaging-integrator-password").</summary>
    public async Task<string> SecretAsync(string name) =>
        await _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == name).GetValueAsync(CancellationToken.None)
        ?? throw new InvalidOperationException($"The parameter {name} has no value.");

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 33)].ToLowerInvariant();
        await PostgresBuilderExtensions.CreateDatabaseAsync(Postgres.ConnectionString, name, CancellationToken.None);
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
        foreach (var handle in new[] { Postgres, Redis, RabbitMQ }.Where(h => h is not null)) await handle.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A shared server: its connection string, and the process controls of <see cref="ResourceHandle"/>.</summary>
public sealed class ServerHandle(DistributedApplication app, IResource resource, string connectionString) : IAsyncDisposable
{
    private readonly ResourceHandle _handle = new(app, resource);

    /// <summary>The server's process, as a test controls it (crash, stop, start).</summary>
    public ResourceHandle Process => _handle;

    public string ConnectionString { get; } = connectionString;

    public string? ManagementUri { get; init; }

    public int? Pid => _handle.Pid;

    public void Crash() => _handle.Crash();

    public Task StopProcessAsync() => _handle.StopProcessAsync();

    public Task StartProcessAsync(TimeSpan? within = null) => _handle.StartProcessAsync(within);

    public IReadOnlyList<ConsoleLine> ConsoleSnapshot() => _handle.ConsoleSnapshot();

    /// <summary>An HttpClient for RabbitMQ's management API, signed in as the default user.</summary>
    public HttpClient CreateManagementClient()
    {
        var uri = new Uri(ConnectionString);
        var http = new HttpClient { BaseAddress = new Uri(ManagementUri ?? throw new InvalidOperationException("not RabbitMQ")), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        return http;
    }

    public ValueTask DisposeAsync() => _handle.DisposeAsync();
}
