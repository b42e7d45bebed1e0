using Oversight.Hosting;
using Oversight.Hosting.Processes;
using Oversight.Hosting.Resources;
using Oversight.Testing;
using StackExchange.Redis;

namespace Oversight.IntegrationTests.Hosting;

/// <summary>A server that dies unasked comes back by itself; one stopped on request stays down until started again.</summary>
public sealed class ServerSupervisionTests(TestServers servers)
{
    [Fact]
    public async Task A_killed_server_is_restarted_and_one_stopped_on_request_waits_to_be_started()
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(servers.StateDirectory, "supervision-" + Guid.NewGuid().ToString("N")[..8]),
            RandomPorts = true,
            EchoConsole = false,
        });
        builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync();
        var redis = app.Get<RedisResource>("cache");
        var firstPid = redis.Pid!.Value;

        // kill -9: back by itself, answering again.
        redis.Crash();
        await Eventually.HoldsAsync(() => Task.FromResult((redis.State, redis.Pid)),
            s => s.State == ResourceState.Healthy && s.Pid != firstPid, TimeSpan.FromSeconds(30), "restart of the killed Redis");
        Assert.Equal(1, redis.RestartCount);
        Assert.False(Signals.IsGroupAlive(firstPid));
        await PingAsync(redis);
        Assert.Contains(app.Log.Snapshot(), line => line.Text.Contains("cache: exited unexpectedly with code") && line.Text.Contains("restart 1"));

        // Stopped on request: it stays down (nothing listens) until started again.
        var secondPid = redis.Pid!.Value;
        await redis.StopProcessAsync();
        Assert.Equal(ResourceState.Stopped, redis.State);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ResourceState.Stopped, redis.State);
        Assert.False(Signals.IsGroupAlive(secondPid));
        await Assert.ThrowsAnyAsync<RedisConnectionException>(() => PingAsync(redis));

        await redis.StartProcessAsync();
        Assert.Equal(ResourceState.Healthy, redis.State);
        await PingAsync(redis);
    }

    private static async Task PingAsync(RedisResource redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",abortConnect=true,connectTimeout=1000");
        await connection.GetDatabase().PingAsync();
    }
}
