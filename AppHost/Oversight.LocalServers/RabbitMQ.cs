using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.LocalServers;

namespace Aspire.Hosting;

/// <summary>
/// RabbitMQ 3 from Debian's <c>rabbitmq-server</c> package, run by DCP as an executable with every file it writes in
/// its data folder, the management plugin on, and an <c>epmd</c> of its own (a resource of its own), so that it boots
/// whichever other Erlang nodes run on the machine.
/// </summary>
public sealed class RabbitMQServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string ManagementEndpointName = "management";
    internal const string Executable = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string UserName = "guest";

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>Users besides <see cref="UserName"/> (the services'), with their permissions on the default vhost.</summary>
    public List<RabbitMQUser> Users { get; } = [];

    /// <summary>The plugins the node runs (the management UI always).</summary>
    public SortedSet<string> Plugins { get; } = ["rabbitmq_management"];

    /// <summary>Exchanges, queues, bindings and shovels the node declares at every boot, before any client connects.</summary>
    public RabbitMQTopology Topology { get; } = new();

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReference ManagementEndpoint => new(this, ManagementEndpointName);

    /// <summary>An AMQP URI, as Aspire's own RabbitMQ resource gives it.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        this.TryGetLastAnnotation<ConnectionStringRedirectAnnotation>(out var redirect)
            ? redirect.Resource.ConnectionStringExpression
            : ReferenceExpression.Create(
                $"amqp://{UserName}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}

/// <summary>A RabbitMQ user and its permissions on the vhost "/" (regular expressions over queue and exchange names).</summary>
public sealed record RabbitMQUser(string Name, ParameterResource Password, string Configure, string Write, string Read);

public static class RabbitMQBuilderExtensions
{
    // rabbitmq.conf needs the ports DCP picks, which exist only when the process starts: the wrapper writes it then.
    // The users come as definitions imported at every boot (RabbitMQDefinitions), so a changed password or a new user
    // applies on the next start, not only when the node is created.
    private const string Script = $$"""
        cat > "$RABBITMQ_CONFIG_FILE.conf" <<EOF
        listeners.tcp.default = 127.0.0.1:$AMQP_PORT
        management.tcp.ip = 127.0.0.1
        management.tcp.port = $MANAGEMENT_PORT
        loopback_users = none
        load_definitions = $RABBITMQ_DEFINITIONS_FILE
        log.console = true
        log.console.level = info
        log.file = false
        EOF
        echo "[$RABBITMQ_PLUGINS]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
        exec {{RabbitMQServerResource.Executable}}
        """;

    /// <summary>
    /// Adds a RabbitMQ node keeping its data in <c>{state}/{name}</c>, with the user <c>guest</c> and a secret password
    /// (<c>{name}-password</c>), and its own epmd (<c>{name}-epmd</c>).
    /// </summary>
    /// <param name="port">The AMQP port clients use; null for one DCP picks (tests).</param>
    /// <param name="managementPort">The management UI's port; null for one DCP picks.</param>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        int? port = null, int? managementPort = null)
    {
        var password = builder.AddStateSecret($"{name}-password");
        var data = builder.ExecutionContext.IsRunMode ? builder.DataDirectory(name) : "/var/lib/rabbitmq";
        var rabbit = new RabbitMQServerResource(name, "/bin/sh", data, password.Resource);

        // Erlang nodes find each other through epmd; one of our own, on a port DCP picks, is never another node's.
        var epmd = builder.AddExecutable($"{name}-epmd", "/usr/bin/epmd", data)
            .WithServerEndpoint("tcp", port: null)
            .ExcludeFromManifest();
        epmd.WithArgs(context =>
        {
            context.Args.Add("-address");
            context.Args.Add("127.0.0.1");
            context.Args.Add("-port");
            context.Args.Add(epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort));
        });

        // The definitions hold password hashes: written to the data folder just before each start, never put in the
        // environment (which the dashboard shows).
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(rabbit, (_, ct) => RabbitMQDefinitions.WriteAsync(rabbit, data, ct));
        }

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(rabbit, async (_, ct) =>
            connectionString = await rabbit.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PatientHealthCheck(new AmqpHealthCheck(() => connectionString)), failureStatus: null, tags: null));

        var resource = builder.AddResource(rabbit)
            .WithServerEndpoint(RabbitMQServerResource.PrimaryEndpointName, port)
            .WithServerEndpoint(RabbitMQServerResource.ManagementEndpointName, managementPort, scheme: "http")
            // Erlang distribution, for rabbitmqctl; not proxied, since the node tells epmd its real port.
            .WithServerEndpoint("dist", port: null)
            .WithArgs("-c", Script)
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                env["AMQP_PORT"] = rabbit.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                env["MANAGEMENT_PORT"] = rabbit.ManagementEndpoint.Property(EndpointProperty.TargetPort);
                env["RABBITMQ_DIST_PORT"] = rabbit.GetEndpoint("dist").Property(EndpointProperty.TargetPort);
                env["ERL_EPMD_PORT"] = epmd.GetEndpoint("tcp").Property(EndpointProperty.TargetPort);
                env["RABBITMQ_DEFINITIONS_FILE"] = RabbitMQDefinitions.PathIn(data);
                env["RABBITMQ_NODENAME"] = $"{name}@localhost";
                env["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia");
                env["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log");
                env["RABBITMQ_CONFIG_FILE"] = Path.Combine(data, "rabbitmq");
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(data, "enabled_plugins");
                env["RABBITMQ_PLUGINS"] = string.Join(",", rabbit.Plugins);
                // Keeps the machine's /etc/rabbitmq/rabbitmq-env.conf out of it.
                env["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(data, "rabbitmq-env.conf");
                env["HOME"] = data;
                // Erlang's schedulers spin while idle, waiting for work; on a machine whose few cores the services and
                // PostgreSQL share, that spinning is CPU they lack (RabbitMQ's runtime guide advises this for shared hosts).
                env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "+sbwt none +sbwtdcpu none +sbwtdio none";
            })
            .WithIconName("Mail")
            .WithHealthCheck(healthCheck)
            .WaitFor(epmd)
            .PublishAsOfficialImage()
            .RequiresPackage(RabbitMQServerResource.Executable, "rabbitmq-server");
        epmd.WithParentRelationship(resource);
        return resource;
    }

    /// <summary>
    /// Adds a user with a secret password (<c>{server}-{user}-password</c>) and the given permissions on the vhost "/":
    /// which queues and exchanges it may declare (<paramref name="configure"/>), bind to or publish to
    /// (<paramref name="write"/>), and consume from or bind from (<paramref name="read"/>).
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> WithUser(this IResourceBuilder<RabbitMQServerResource> rabbit, string user,
        string configure, string write, string read)
    {
        var password = rabbit.ApplicationBuilder.AddStateSecret($"{rabbit.Resource.Name}-{user}-password");
        rabbit.Resource.Users.Add(new RabbitMQUser(user, password.Resource, configure, write, read));
        return rabbit;
    }
}
