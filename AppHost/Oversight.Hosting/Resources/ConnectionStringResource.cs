namespace Oversight.Hosting.Resources;

/// <summary>An existing dependency given by its connection string (Aspire's <c>AddConnectionString</c>); nothing to start.</summary>
public sealed class ConnectionStringResource(string name, string connectionString) : Resource(name), IResourceWithConnectionString
{
    public override string Type => "connection-string";

    public string ConnectionName => Name;

    public string ConnectionString => connectionString;

    internal override Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        SetState(ResourceState.Running);
        return Task.CompletedTask;
    }

    internal override Task StopAsync() => Task.CompletedTask;
}
