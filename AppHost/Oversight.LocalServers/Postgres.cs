using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Oversight.LocalServers;

namespace Aspire.Hosting;

/// <summary>
/// PostgreSQL 15 from Debian's <c>postgresql</c> package, run by DCP as an executable: <c>initdb</c> once (a resource
/// that completes), then <c>postgres</c> on 127.0.0.1 with TCP only. PostgreSQL refuses to run as root, so as root both
/// run as the <c>postgres</c> user through <c>setpriv</c>.
/// </summary>
public sealed class PostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string BinDirectory = "/usr/lib/postgresql/15/bin";
    internal const string SuperUser = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Npgsql's form, as Aspire's own PostgreSQL resource gives it.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        this.TryGetLastAnnotation<ConnectionStringRedirectAnnotation>(out var redirect)
            ? redirect.Resource.ConnectionStringExpression
            : ReferenceExpression.Create(
                $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={SuperUser};Password={PasswordParameter}");

    internal List<PostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>A database of a <see cref="PostgresServerResource"/>, created once the server answers (Aspire's <c>AddDatabase</c>).</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        this.TryGetLastAnnotation<ConnectionStringRedirectAnnotation>(out var redirect)
            ? redirect.Resource.ConnectionStringExpression
            : ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class PostgresBuilderExtensions
{
    // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every pooled client to hang up; DCP stops an executable
    // with SIGTERM, so the wrapper turns it into SIGINT, the "fast" shutdown (clean, and no wait for clients).
    private const string ServerScript = $$"""
        {{PostgresServerResource.BinDirectory}}/postgres "$@" &
        pid=$!
        trap 'kill -INT $pid' TERM INT
        wait $pid; status=$?
        while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
        exit $status
        """;

    private const string InitScript = $$"""
        test -f "$PGDATA/PG_VERSION" && { echo "cluster in $PGDATA exists"; exit 0; }
        pwfile=$(mktemp)
        printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
        {{PostgresServerResource.BinDirectory}}/initdb -D "$PGDATA" -U {{PostgresServerResource.SuperUser}} --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C
        status=$?
        rm -f "$pwfile"
        exit $status
        """;

    /// <summary>
    /// Adds a PostgreSQL server whose cluster lives in the state folder (<c>{state}/{name}/cluster</c>), with the
    /// superuser <c>postgres</c> and a secret password parameter (<c>{name}-password</c>).
    /// </summary>
    /// <param name="port">The port clients use; null for one DCP picks (tests).</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var password = builder.AddStateSecret($"{name}-password");
        var home = builder.ExecutionContext.IsRunMode ? PostgresHome(builder, name) : "/var/lib/postgresql";
        var cluster = Path.Combine(home, "cluster");
        var (command, prefix) = RunAsPostgres();

        var init = builder.AddExecutable($"{name}-init", command, home, [.. prefix, "/bin/sh", "-c", InitScript])
            .WithEnvironment("PGDATA", cluster)
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .ExcludeFromManifest();

        var server = new PostgresServerResource(name, command, home, password.Resource);
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PatientHealthCheck(new SqlHealthCheck(() => connectionString)), failureStatus: null, tags: null));

        var resource = builder.AddResource(server)
            .WithServerEndpoint(PostgresServerResource.PrimaryEndpointName, port)
            .WithArgs([.. prefix, "/bin/sh", "-c", ServerScript, "postgres", "-D", cluster, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="])
            .WithArgs(context =>
            {
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck)
            .WaitForCompletion(init)
            .PublishAsOfficialImage()
            .RequiresPackage(Path.Combine(PostgresServerResource.BinDirectory, "postgres"), "postgresql");
        init.WithParentRelationship(resource);
        return resource;
    }

    /// <summary>
    /// PostgreSQL without fsync and full-page writes: for test runs only. A killed postgres keeps its data (the OS holds
    /// it); only a machine crash could lose it. Never <c>synchronous_commit=off</c>: that answers a commit before its WAL
    /// leaves PostgreSQL's own memory, so a kill -9 loses commits the clients were told of.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithoutFsync(this IResourceBuilder<PostgresServerResource> builder) =>
        builder.WithArgs("-c", "fsync=off", "-c", "full_page_writes=off");

    /// <summary>Adds a database to the server, created (if absent) once the server answers.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder,
        [ResourceName] string name, string? databaseName = null)
    {
        databaseName = CheckedDatabaseName(databaseName ?? name);
        var database = new PostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.Databases.Add(database);

        string? connectionString = null;
        var healthCheck = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PatientHealthCheck(new SqlHealthCheck(() => connectionString)), failureStatus: null, tags: null));

        return builder.ApplicationBuilder.AddResource(database)
            .WithParentRelationship(builder)
            .WithIconName("Database")
            .WithHealthCheck(healthCheck)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .OnInitializeResource(async (db, @event, ct) =>
            {
                var logger = @event.Logger;
                try
                {
                    await @event.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.Waiting });
                    await @event.Notifications.WaitForResourceHealthyAsync(db.Parent.Name, ct);
                    await @event.Eventing.PublishAsync(new BeforeResourceStartedEvent(db, @event.Services), ct);
                    await @event.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.Starting });
                    if (!db.TryGetLastAnnotation<ConnectionStringRedirectAnnotation>(out _))
                    {
                        if (await CreateDatabaseAsync(await db.Parent.ConnectionStringExpression.GetValueAsync(ct), db.DatabaseName, ct))
                        {
                            logger.LogInformation("Created database '{Database}'", db.DatabaseName);
                        }
                    }
                    connectionString = await db.ConnectionStringExpression.GetValueAsync(ct);
                    await @event.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.Running });
                    await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(db, @event.Services), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not create database '{Database}'", db.DatabaseName);
                    await @event.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.FailedToStart });
                }
            });
    }

    /// <summary>A database name SQL can take unquoted-safe inside double quotes: it is written into CREATE DATABASE.</summary>
    private static string CheckedDatabaseName(string name) =>
        Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$")
            ? name
            : throw new ArgumentException($"Database name '{name}' must be lower-case letters, digits and '_' (at most 63).", nameof(name));

    /// <summary>Creates the database on the server unless it exists; true when it created it.</summary>
    public static async Task<bool> CreateDatabaseAsync(string? serverConnectionString, string database, CancellationToken ct)
    {
        CheckedDatabaseName(database);
        await using var connection = new NpgsqlConnection(serverConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return false;
        // An identifier cannot be a parameter; the name was checked above.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>As root, the command line runs through setpriv as the postgres user; otherwise as it is.</summary>
    private static (string Command, string[] Prefix) RunAsPostgres() =>
        LocalServer.IsRoot
            ? ("/usr/bin/setpriv", [$"--reuid={PostgresServerResource.SuperUser}", $"--regid={PostgresServerResource.SuperUser}", "--init-groups", "--"])
            : ("/usr/bin/env", []);

    /// <summary>
    /// The folder that holds the cluster: the server's data folder in the state folder. As root it must be reachable
    /// by the postgres user; a state folder under /root is not, and then the cluster lives under
    /// /var/lib/oversight/{hash of the state folder}, which the AppHost says in its log.
    /// </summary>
    private static string PostgresHome(IDistributedApplicationBuilder builder, string name)
    {
        var home = builder.DataDirectory(name);
        if (!LocalServer.IsRoot) return home;
        if (!File.Exists("/usr/bin/setpriv") || Run("id", "-u", PostgresServerResource.SuperUser) != 0) return home; // the resource says what is missing
        Run("chown", $"{PostgresServerResource.SuperUser}:{PostgresServerResource.SuperUser}", home);
        if (Run("setpriv", $"--reuid={PostgresServerResource.SuperUser}", $"--regid={PostgresServerResource.SuperUser}", "--init-groups", "--",
                "test", "-w", home) == 0)
        {
            return home;
        }
        var fallback = LocalServer.FallbackHome(home);
        Directory.CreateDirectory(fallback);
        Run("chown", $"{PostgresServerResource.SuperUser}:{PostgresServerResource.SuperUser}", fallback);
        Console.WriteLine($"postgres: the user 'postgres' cannot reach {home}; the cluster lives in {fallback}");
        return fallback;
    }

    private static int Run(string file, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
