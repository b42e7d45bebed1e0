using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;
using Oversight.LocalServers;
using Oversight.Testing;
using System.Text;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>
/// The servers as the AppHost runs them (AppHost/Oversight.LocalServers): data that outlives a restart, PostgreSQL as
/// its own user, and a clear failure when a Debian package is missing.
/// </summary>
public sealed class LocalServerTests(TestServers servers)
{
    [Fact]
    public async Task The_integrator_user_binds_its_own_queues_to_integration_exchanges_and_to_nothing_else()
    {
        // The exchanges as the services declare them, on the vhost "/" where the AppHost's users live.
        var services = new Uri(servers.RabbitMQ.ConnectionString);
        await using var admin = await new ConnectionFactory { Uri = services }.CreateConnectionAsync();
        await using var setup = await admin.CreateChannelAsync();
        var integration = IntegrationEventTypes.ExchangeOf<ComplaintSubmitted>();
        const string Private = ReporterStatusNotice.ExchangeName;
        await setup.ExchangeDeclareAsync(integration, ExchangeType.Fanout, durable: true);
        await setup.ExchangeDeclareAsync(Private, ExchangeType.Fanout, durable: true);
        var servicesQueue = "notifications-test-" + Guid.NewGuid().ToString("N")[..8];
        await setup.QueueDeclareAsync(servicesQueue, durable: false, exclusive: false, autoDelete: true);

        var password = await servers.SecretAsync("messaging-integrator-password");
        var integratorUri = new UriBuilder(services) { UserName = "integrator", Password = Uri.EscapeDataString(password) }.Uri;
        await using var integrator = await new ConnectionFactory { Uri = integratorUri }.CreateConnectionAsync();

        // Its own durable queue, bound to an integration exchange, receives what is published there.
        var own = "integrator.test-" + Guid.NewGuid().ToString("N")[..8];
        await using (var channel = await integrator.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(own, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(own, integration, routingKey: "");
            await setup.BasicPublishAsync(integration, "", Encoding.UTF8.GetBytes("{\"complaintId\":\"x\"}"));
            var received = await Eventually.HoldsAsync(() => channel.BasicGetAsync(own, autoAck: true), m => m is not null,
                TimeSpan.FromSeconds(10), "the event on the integrator's queue");
            Assert.Equal("{\"complaintId\":\"x\"}", Encoding.UTF8.GetString(received!.Body.Span));
            await channel.QueueDeleteAsync(own);
        }

        // Refused (403 ACCESS_REFUSED, which closes the channel): the private exchange, a queue outside its names, and
        // the services' queues.
        await AssertRefusedAsync(integrator, async c =>
        {
            await c.QueueDeclareAsync(own, durable: false, exclusive: false, autoDelete: true);
            await c.QueueBindAsync(own, Private, routingKey: "");
        });
        await AssertRefusedAsync(integrator, c => c.QueueDeclareAsync("notifications-events-copy", durable: false, exclusive: false, autoDelete: true));
        await AssertRefusedAsync(integrator, c => c.BasicGetAsync(servicesQueue, autoAck: true));
    }

    private static async Task AssertRefusedAsync(IConnection connection, Func<IChannel, Task> action)
    {
        await using var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() => action(channel));
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode ?? 0);
    }

    [Fact]
    public async Task Redis_keeps_its_data_in_the_state_folder_across_a_stop_and_a_start()
    {
        var state = Path.Combine(servers.StateDirectory, "redis-restart-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = await StartAppHostWithOnlyAsync(state, "cache");
        var redis = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisResource>().Single();
        var connectionString = await redis.ConnectionStringExpression.GetValueAsync(CancellationToken.None);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(connectionString!))
        {
            await connection.GetDatabase().StringSetAsync("kept", "across restarts");
        }

        await using var handle = new ResourceHandle(app, redis);
        await Eventually.HoldsAsync(() => Task.FromResult(handle.InstanceIds.Count), n => n == 1, TimeSpan.FromSeconds(10), "the resource's state");
        await handle.StopProcessAsync();
        await Assert.ThrowsAnyAsync<RedisConnectionException>(async () =>
        {
            await using var down = await ConnectionMultiplexer.ConnectAsync(connectionString + ",abortConnect=true,connectTimeout=1000");
        });
        await handle.StartProcessAsync(TimeSpan.FromSeconds(60));

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(connectionString!))
        {
            Assert.Equal("across restarts", (string?)await connection.GetDatabase().StringGetAsync("kept"));
        }
        Assert.True(Directory.Exists(Path.Combine(state, "cache", "appendonlydir")), "Redis's append-only file is in its state folder");
    }

    [Fact]
    public async Task A_server_whose_package_is_missing_fails_to_start_naming_the_package()
    {
        var state = Path.Combine(servers.StateDirectory, "missing-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = await CreateAppHostWithOnlyAsync(state);
        builder.AddExecutable("ghost", "/bin/true", state).RequiresPackage("/nonexistent/bin/ghost-server", "ghost-server");
        await using var app = await builder.BuildAsync();
        await app.StartAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failed = await app.ResourceNotifications.WaitForResourceAsync("ghost", e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, timeout.Token);
        Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State?.Text);
        var logs = new List<string>();
        await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(failed.ResourceId))
        {
            logs.AddRange(batch.Select(line => line.Content));
        }
        Assert.Contains(logs, line => line.Contains(LocalServer.MissingPackageMessage("/nonexistent/bin/ghost-server", "ghost-server"), StringComparison.Ordinal));
    }

    [Fact]
    public void PostgreSQL_runs_as_the_postgres_user_and_never_as_root()
    {
        var tree = ProcessTreeOf(servers.Postgres.Pid ?? throw new InvalidOperationException("postgres has no process"));
        var postmasters = tree.Where(p => p.Command == "postgres").ToList();
        Assert.NotEmpty(postmasters);
        Assert.All(postmasters, p => Assert.NotEqual(0, p.Uid));
    }

    [Fact]
    public void The_servers_listen_below_the_kernels_ephemeral_ports()
    {
        // Picked at build time and bound only once the server has booted: in the ephemeral range, a service's port or
        // an outgoing connection could take it meanwhile (a site's RabbitMQ once failed so).
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var ports = new Dictionary<string, int>
        {
            ["postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(servers.Postgres.ConnectionString).Port,
            ["redis"] = ((System.Net.DnsEndPoint)ConfigurationOptions.Parse(servers.Redis.ConnectionString).EndPoints[0]).Port,
            ["rabbitmq"] = new Uri(servers.RabbitMQ.ConnectionString).Port,
        };
        Assert.All(ports, port => Assert.InRange(port.Value, 10_000, ephemeralStart - 1));
    }

    [Fact]
    public void No_port_is_handed_out_twice_in_one_process()
    {
        // Free until its server binds it, a port would pass the free check of every pick in between; a thousand picks
        // from the ~22,000 ports below the ephemeral range would all but surely repeat one if nothing remembered them.
        var picked = Enumerable.Range(0, 1000).Select(_ => ServerPorts.PickFree()).ToList();
        Assert.Equal(picked.Count, picked.Distinct().Count());
    }

    private static async Task<DistributedApplication> StartAppHostWithOnlyAsync(string state, string keep)
    {
        var builder = await CreateAppHostWithOnlyAsync(state, keep);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync(keep).WaitAsync(TimeSpan.FromMinutes(2));
        return app;
    }

    /// <summary>The AppHost's model with every resource taken out but <paramref name="keep"/> (and the parameters).</summary>
    private static async Task<IDistributedApplicationTestingBuilder> CreateAppHostWithOnlyAsync(string state, params string[] keep)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Oversight_AppHost>(
            [$"--{LocalServer.StateDirectoryKey}={state}"], (options, _) => options.DisableDashboard = true);
        foreach (var resource in builder.Resources.Where(r => r is not ParameterResource && !keep.Contains(r.Name)).ToList())
        {
            builder.Resources.Remove(resource);
        }
        return builder;
    }

    private sealed record ProcessInfo(int Pid, int ParentPid, string Command, int Uid);

    /// <summary>A process and its descendants, with each one's name and real user id (from /proc/PID/status).</summary>
    private static List<ProcessInfo> ProcessTreeOf(int root)
    {
        var all = new List<ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var fields = File.ReadAllLines(Path.Combine(dir, "status"))
                    .Select(line => line.Split(':', 2))
                    .Where(pair => pair.Length == 2)
                    .ToDictionary(pair => pair[0], pair => pair[1].Trim());
                all.Add(new ProcessInfo(pid, int.Parse(fields["PPid"]), fields["Name"], int.Parse(fields["Uid"].Split('\t')[0])));
            }
            catch (IOException) { }
        }
        var tree = all.Where(p => p.Pid == root).ToList();
        for (var i = 0; i < tree.Count; i++) tree.AddRange(all.Where(p => p.ParentPid == tree[i].Pid));
        return tree;
    }
}
