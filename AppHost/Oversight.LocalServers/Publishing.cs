using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Oversight.LocalServers;

/// <summary>
/// What the servers are in Aspire's manifest (<c>--publisher manifest</c>): an executable of this machine is no
/// deployment unit, so each server is written as the container Aspire's own integration would write: the official
/// image, its environment (the password as the server's secret parameter), its ports as bindings and its data on a
/// named volume. The entry keeps the server's name, connection string and binding names, so every reference to it
/// (<c>{postgres.connectionString}</c>, <c>{cache.bindings.tcp.host}</c>, the databases' value.v0 entries) resolves
/// as before; nothing of the executable (its command, arguments, working folder or environment) is written.
/// </summary>
internal static class Publishing
{
    private const string Registry = "docker.io";

    /// <summary>PostgreSQL 15 (<c>postgres:15</c>), creating the server's databases when it initialises its volume.</summary>
    public static IResourceBuilder<PostgresServerResource> PublishAsOfficialImage(this IResourceBuilder<PostgresServerResource> builder) =>
        builder.PublishAs(container =>
        {
            var server = builder.Resource;
            // The image runs the *.sql files in /docker-entrypoint-initdb.d once, when it creates the cluster; the
            // script writes one there for the databases the AppHost declares, then starts the image's own entrypoint.
            var databases = string.Join(' ', server.Databases.Select(database => database.DatabaseName));
            var script = databases.Length == 0
                ? "exec docker-entrypoint.sh postgres"
                : $"""
                  printf 'CREATE DATABASE "%s";\n' {databases} > /docker-entrypoint-initdb.d/oversight-databases.sql
                  exec docker-entrypoint.sh postgres
                  """;
            container.WithImage("library/postgres", "15")
                .WithEntrypoint("sh")
                .WithArgs("-c", script)
                .WithEndpoint(targetPort: 5432, name: PostgresServerResource.PrimaryEndpointName, scheme: "tcp")
                .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256")
                .WithEnvironment("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256")
                .WithEnvironment("POSTGRES_USER", PostgresServerResource.SuperUser)
                .WithEnvironment("POSTGRES_PASSWORD", server.PasswordParameter)
                // A folder below the volume's root: a fresh volume may hold lost+found, which initdb refuses.
                .WithEnvironment("PGDATA", "/var/lib/postgresql/data/pgdata")
                .WithVolume($"{server.Name}-data", "/var/lib/postgresql/data");
        });

    /// <summary>Redis 7 (<c>redis:7</c>) with the password from the environment, as the local one, and its append-only file on a volume.</summary>
    public static IResourceBuilder<RedisResource> PublishAsOfficialImage(this IResourceBuilder<RedisResource> builder) =>
        builder.PublishAs(container => container.WithImage("library/redis", "7")
            // Through a shell so that the password stays out of the command line (Aspire's own Redis does the same);
            // the image's entrypoint then drops to the redis user.
            .WithEntrypoint("sh")
            .WithArgs("-c", "exec docker-entrypoint.sh redis-server --requirepass \"$REDIS_PASSWORD\" --appendonly yes --save \"\"")
            .WithEndpoint(targetPort: 6379, name: RedisResource.PrimaryEndpointName, scheme: "tcp")
            .WithEnvironment("REDIS_PASSWORD", builder.Resource.PasswordParameter)
            .WithVolume($"{builder.Resource.Name}-data", "/data"));

    /// <summary>
    /// RabbitMQ 3 with the management plugin (<c>rabbitmq:3-management</c>), the same user, a stable node name for its
    /// volume, and what the local node declares at boot (users, exchanges, queues, bindings, shovels, plugins), written
    /// by the container at each start (<see cref="RabbitMQContainerDefinitions"/>).
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> PublishAsOfficialImage(this IResourceBuilder<RabbitMQServerResource> builder) =>
        builder.PublishAs(container =>
        {
            // Here, while the manifest is written: the model is complete, every user and shovel added.
            var (script, variables) = RabbitMQContainerDefinitions.StartScript(builder.Resource);
            container.WithImage("library/rabbitmq", "3-management")
                .WithEntrypoint("sh")
                .WithArgs("-c", script)
                .WithEndpoint(targetPort: 5672, name: RabbitMQServerResource.PrimaryEndpointName, scheme: "tcp")
                .WithHttpEndpoint(targetPort: 15672, name: RabbitMQServerResource.ManagementEndpointName)
                .WithEnvironment("RABBITMQ_DEFAULT_USER", RabbitMQServerResource.UserName)
                .WithEnvironment("RABBITMQ_DEFAULT_PASS", builder.Resource.PasswordParameter)
                // The node keeps its data under its name; a pod's host name changes with every restart.
                .WithEnvironment("RABBITMQ_NODENAME", $"{builder.Resource.Name}@localhost")
                .WithVolume($"{builder.Resource.Name}-data", "/var/lib/rabbitmq");
            foreach (var variable in variables.Where(v => v.Name != "RABBITMQ_DEFAULT_PASS")) container.WithEnvironment(variable.Name, variable.Value);
        });

    /// <summary>
    /// In publish mode, writes the server's manifest entry as a container described by <paramref name="describe"/>:
    /// a container resource of the same name, outside the model, written by Aspire's own container writer.
    /// </summary>
    private static IResourceBuilder<T> PublishAs<T>(this IResourceBuilder<T> builder, Action<IResourceBuilder<ServerContainer>> describe)
        where T : IResourceWithConnectionString
    {
        if (!builder.ApplicationBuilder.ExecutionContext.IsPublishMode) return builder;
        return builder.WithManifestPublishingCallback(context =>
        {
            var container = builder.ApplicationBuilder.CreateResourceBuilder(new ServerContainer(builder.Resource));
            describe(container);
            container.WithImageRegistry(Registry);
            return context.WriteContainerAsync(container.Resource);
        });
    }

    /// <summary>The server as a container: its name and its connection string, whose endpoints are this container's bindings.</summary>
    private sealed class ServerContainer(IResourceWithConnectionString server) : ContainerResource(server.Name), IResourceWithConnectionString
    {
        public ReferenceExpression ConnectionStringExpression => server.ConnectionStringExpression;
    }
}
