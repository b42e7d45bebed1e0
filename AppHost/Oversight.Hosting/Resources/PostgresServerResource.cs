using Npgsql;
using Oversight.Hosting.Processes;

namespace Oversight.Hosting.Resources;

/// <summary>
/// PostgreSQL from Debian's <c>postgresql</c> package: <c>initdb</c> on first run, then <c>postgres</c> on
/// 127.0.0.1 with TCP only. As root both run as the <c>postgres</c> user, because PostgreSQL refuses root.
/// </summary>
public sealed class PostgresServerResource(string name, int port, string password, bool relaxedDurability) : ServerResource(name), IResourceWithConnectionString
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";

    public int Port { get; } = port;

    public string Password { get; } = password;

    public override string Type => "postgres";

    public string ConnectionName => Name;

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password}";

    public override IEnumerable<string> Urls => [$"tcp://127.0.0.1:{Port}"];

    protected override string DebianPackage => "postgresql";

    protected override string Executable => Path.Combine(BinDirectory, "postgres");

    protected override IEnumerable<int> Ports => [Port];

    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to disconnect.
    protected override int StopSignal => Signals.SIGINT;

    protected override async Task<ProcessSpec> PrepareAsync(RunContext context, string dataDirectory, CancellationToken cancellationToken)
    {
        var runAs = Signals.IsRoot ? SystemUser : null;
        var home = runAs is null ? dataDirectory : await PostgresUserFolderAsync(context, dataDirectory);
        var cluster = Path.Combine(home, "cluster");

        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            context.Log($"{Name}: first run, initdb in {cluster}");
            var passwordFile = Path.Combine(home, "initdb-password");
            await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
            if (runAs is not null) await ChownAsync(home);
            var initdb = ManagedProcess.Start(new ProcessSpec(Path.Combine(BinDirectory, "initdb"),
                ["-D", cluster, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C"])
            { RunAsUser = runAs }, Console);
            var code = await initdb.Exited;
            File.Delete(passwordFile);
            if (code != 0)
            {
                throw new DistributedApplicationException($"'{Name}': initdb failed with code {code}:\n  " + string.Join("\n  ", Console.Tail(10)));
            }
        }

        List<string> arguments = ["-D", cluster, "-p", Port.ToString(), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
        if (relaxedDurability)
        {
            // Tests only: a killed postgres keeps its data (the OS has it); only a machine crash could lose it. Not
            // synchronous_commit=off: that answers a commit before its WAL leaves PostgreSQL's own memory, so a kill -9
            // loses the last commits the clients were told of (the fault suite, docs/faults.md, caught it losing complaints).
            arguments.AddRange(["-c", "fsync=off", "-c", "full_page_writes=off"]);
        }
        return new ProcessSpec(Executable, arguments) { RunAsUser = runAs, WorkingDirectory = home };
    }

    protected override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Timeout=2;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Creates a database if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        // Identifiers cannot be parameters; the name is validated by the caller (AddDatabase).
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// As root, the cluster must sit where the postgres user can reach it. Inside the state folder when
    /// it can (the usual case); otherwise (a checkout under /root) under /var/lib/oversight, said in the log.
    /// </summary>
    private static async Task<string> PostgresUserFolderAsync(RunContext context, string dataDirectory)
    {
        await ChownAsync(dataDirectory);
        if (await RunAsync("runuser", "-u", SystemUser, "--", "test", "-w", dataDirectory) == 0) return dataDirectory;

        var fallback = Path.Combine("/var/lib/oversight", Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..12]);
        Directory.CreateDirectory(fallback);
        await ChownAsync(fallback);
        context.Log($"postgres: the user 'postgres' cannot reach {dataDirectory}; keeping the cluster in {fallback}");
        return fallback;
    }

    private static async Task ChownAsync(string path)
    {
        if (await RunAsync("chown", "-R", $"{SystemUser}:{SystemUser}", path) != 0)
        {
            throw new DistributedApplicationException($"chown of {path} to {SystemUser} failed; is the 'postgresql' package installed?");
        }
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
