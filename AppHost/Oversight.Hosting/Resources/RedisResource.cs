using Oversight.Hosting.Processes;
using StackExchange.Redis;

namespace Oversight.Hosting.Resources;

/// <summary>Redis from Debian's <c>redis-server</c> package, with an append-only file and a password.</summary>
public sealed class RedisResource(string name, int port, string password) : ServerResource(name), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string Password { get; } = password;

    public override string Type => "redis";

    public string ConnectionName => Name;

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public override IEnumerable<string> Urls => [$"tcp://127.0.0.1:{Port}"];

    protected override string DebianPackage => "redis-server";

    protected override string Executable => "/usr/bin/redis-server";

    protected override IEnumerable<int> Ports => [Port];

    protected override Task<ProcessSpec> PrepareAsync(RunContext context, string dataDirectory, CancellationToken cancellationToken)
    {
        return Task.FromResult(new ProcessSpec(Executable,
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", dataDirectory,
            "--appendonly", "yes", "--save", "", "--requirepass", Password, "--daemonize", "no", "--protected-mode", "yes",
        ]));
    }

    protected override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.ConnectTimeout = 1000;
        options.AbortOnConnectFail = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await connection.GetDatabase().PingAsync();
    }
}
