using System.Net.Http.Headers;
using Oversight.Hosting.Processes;
using RabbitMQ.Client;

namespace Oversight.Hosting.Resources;

/// <summary>
/// RabbitMQ from Debian's <c>rabbitmq-server</c> package, run as a plain process with every file it writes
/// in its own data folder, the management plugin on, and a node name of its own so runs can sit side by side.
/// </summary>
public sealed class RabbitMQServerResource(string name, int port, int managementPort, int distributionPort, string password) : ServerResource(name), IResourceWithConnectionString
{
    public const string UserName = "guest";

    public int Port { get; } = port;

    public int ManagementPort { get; } = managementPort;

    public string Password { get; } = password;

    public string NodeName => $"oversight{Port}@localhost";

    public override string Type => "rabbitmq";

    public string ConnectionName => Name;

    public string ConnectionString => $"amqp://{UserName}:{Password}@127.0.0.1:{Port}";

    public Uri ManagementUri => new($"http://127.0.0.1:{ManagementPort}");

    public override IEnumerable<string> Urls => [$"amqp://127.0.0.1:{Port}", ManagementUri.ToString()];

    protected override string DebianPackage => "rabbitmq-server";

    protected override string Executable => "/usr/lib/rabbitmq/bin/rabbitmq-server";

    protected override IEnumerable<int> Ports => [Port, ManagementPort, distributionPort];

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(90);

    protected override async Task<ProcessSpec> PrepareAsync(RunContext context, string dataDirectory, CancellationToken cancellationToken)
    {
        // default_user/default_pass only apply when the node is created; the password is kept in the secrets.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{Port}
            management.tcp.port = {ManagementPort}
            management.tcp.ip = 127.0.0.1
            loopback_users = none
            default_user = {UserName}
            default_pass = {Password}
            log.console = true
            log.console.level = info
            log.file = false
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "enabled_plugins"), "[rabbitmq_management].", cancellationToken);

        return new ProcessSpec(Executable, [])
        {
            WorkingDirectory = dataDirectory,
            Environment = new Dictionary<string, string>
            {
                ["RABBITMQ_NODENAME"] = NodeName,
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
                ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dataDirectory, "rabbitmq"),
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins"),
                // Keep the system-wide /etc/rabbitmq/rabbitmq-env.conf out of it.
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(dataDirectory, "rabbitmq-env.conf"),
                ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
                ["HOME"] = dataDirectory,
            },
        };
    }

    protected override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        await using (var connection = await factory.CreateConnectionAsync(cancellationToken))
        {
            // An AMQP connection that opens is the readiness we promise; the management API is checked too
            // because the test library creates virtual hosts through it.
        }
        using var http = CreateManagementClient();
        using var response = await http.GetAsync("api/overview", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An HttpClient for the management API, signed in as the default user.</summary>
    public HttpClient CreateManagementClient()
    {
        var http = new HttpClient { BaseAddress = ManagementUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        return http;
    }
}
