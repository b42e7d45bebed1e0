using System.Net;
using System.Net.Sockets;
using Oversight.Hosting;
using Oversight.Hosting.Ports;
using Oversight.Hosting.Processes;
using Oversight.Hosting.Resources;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Hosting;

/// <summary>What the AppHost promises about processes: crashes are restarted, shutdown leaves nothing, errors say why.</summary>
public sealed class ProcessLifecycleTests(TestServers servers)
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
        var directory = system.Project(TestSystem.RegionDirectory);
        var firstPid = directory.Pid;

        directory.Crash();

        await Eventually.HoldsAsync(() => Task.FromResult((directory.State, directory.Pid)),
            s => s.State == ResourceState.Healthy && s.Pid != firstPid, TimeSpan.FromSeconds(60), "restart of region-directory");
        Assert.Equal(1, directory.RestartCount);
        Assert.False(Signals.IsAlive(firstPid!.Value));
        Assert.Contains(system.App.Log.Snapshot(), line => line.Text.Contains("region-directory: exited with code") && line.Text.Contains("restart 1"));
        var (healthy, _) = await directory.CheckHealthAsync(CancellationToken.None);
        Assert.True(healthy);
    }

    [Fact]
    public async Task Stopping_leaves_no_process_of_any_resource_behind()
    {
        var state = Path.Combine(servers.StateDirectory, "shutdown-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = state, RandomPorts = true, EchoConsole = false });
        var postgres = builder.AddPostgres("postgres");
        var db = postgres.AddDatabase("directorydb");
        var cache = builder.AddRedis("cache");
        var messaging = builder.AddRabbitMQ("messaging");
        builder.AddProject("region-directory", "services/RegionDirectory/Oversight.RegionDirectory.csproj")
            .WithReference(db).WaitFor(db).WithReference(cache).WaitFor(cache).WithReference(messaging);
        var app = builder.Build();
        await app.StartAsync();
        var pids = app.Resources.Where(r => r.Pid is not null).Select(r => (r.Name, Pid: r.Pid!.Value)).ToList();
        Assert.Equal(4, pids.Count);

        await app.StopAsync();

        foreach (var (name, pid) in pids)
        {
            Assert.False(Signals.IsGroupAlive(pid), $"a process of {name}'s group ({pid}) is still running");
        }
        Assert.Empty(ProcessesMentioning(state));
        Assert.All(app.Resources, r => Assert.Equal(ResourceState.Stopped, r.State));

        // Services first, then the servers they use.
        var serviceStopped = app.Events.Single(e => e.Resource == "region-directory" && e.State == ResourceState.Stopped).At;
        var firstServerStopping = app.Events.Where(e => e.Resource is "postgres" or "cache" or "messaging" && e.State == ResourceState.Stopping).Min(e => e.At);
        Assert.True(serviceStopped <= firstServerStopping, $"a server began stopping at {firstServerStopping:O}, before the service stopped at {serviceStopped:O}");
    }

    [Fact]
    public void A_taken_port_is_reported_with_its_number_and_holder()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<DistributedApplicationException>(() => PortAllocator.EnsureFree(port, "postgres"));

        Assert.Contains($"Port {port}", error.Message);
        Assert.Contains("'postgres'", error.Message);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);
    }

    [Fact]
    public async Task A_server_that_exits_at_start_is_reported_with_the_last_lines_of_its_log()
    {
        var state = Path.Combine(servers.StateDirectory, "broken-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = state, RandomPorts = true, EchoConsole = false });
        var redis = builder.AddRedis("cache");
        // A corrupt append-only manifest: Redis starts, reads it, says why it cannot go on, and exits.
        var aof = Directory.CreateDirectory(Path.Combine(state, "cache", "appendonlydir")).FullName;
        File.WriteAllText(Path.Combine(aof, "appendonly.aof.manifest"), "this is not a manifest\n");
        var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Contains("'cache' could not start: exited with code", error.Message);
        Assert.Contains("Last lines of its log", error.Message);
        Assert.Contains("manifest", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ResourceState.FailedToStart, redis.Resource.State);
    }

    /// <summary>Processes whose command line or working folder mention the folder: all of ours do.</summary>
    private static List<string> ProcessesMentioning(string folder)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains(folder) || cwd.StartsWith(folder)) found.Add($"{pid}: {cmdline}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
