namespace Oversight.Hosting.Resources;

/// <summary>A database inside a PostgreSQL server, created when the server is ready (Aspire's <c>AddDatabase</c>).</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    public PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : base(name)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(databaseName, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"Database name '{databaseName}' must be lower-case letters, digits and '_'.", nameof(databaseName));
        }
        DatabaseName = databaseName;
        Server = server;
        WaitsFor.Add(server);
    }

    public string DatabaseName { get; }

    public PostgresServerResource Server { get; }

    public override string Type => "database";

    public string ConnectionName => Name;

    public string ConnectionString => $"{Server.ConnectionString};Database={DatabaseName}";

    internal override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        SetState(ResourceState.Starting);
        await Server.EnsureDatabaseAsync(DatabaseName, cancellationToken);
        SetState(ResourceState.Healthy);
    }

    internal override Task StopAsync()
    {
        SetState(ResourceState.Stopped);
        return Task.CompletedTask;
    }
}
