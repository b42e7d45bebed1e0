using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Oversight.Harness;

/// <summary>
/// Points the AppHost's servers at the test run's shared ones. Each server resource (and its helpers: initdb, epmd) is
/// taken out of the model, and a connection string of the same name stands in for it, so that every
/// <c>WithReference</c> and <c>WaitFor</c> of the AppHost's map holds as written: the removed resources redirect their
/// connection strings there (Aspire's <see cref="ConnectionStringRedirectAnnotation"/>), and waits are by name.
/// Each system gets its own databases, virtual host and Redis key prefix inside the shared servers.
/// </summary>
internal static class SharedServers
{
    public static async Task UseAsync(IDistributedApplicationBuilder builder, TestServers servers, string? redisConnectionString)
    {
        foreach (var database in builder.Resources.OfType<PostgresDatabaseResource>().ToList())
        {
            Replace(builder, database, await servers.CreateDatabaseAsync(database.DatabaseName));
        }
        foreach (var postgres in builder.Resources.OfType<PostgresServerResource>().ToList())
        {
            Replace(builder, postgres, servers.Postgres.ConnectionString);
        }
        foreach (var redis in builder.Resources.OfType<RedisResource>().ToList())
        {
            Replace(builder, redis, redisConnectionString ?? servers.Redis.ConnectionString);
        }
        foreach (var rabbit in builder.Resources.OfType<RabbitMQServerResource>().ToList())
        {
            Replace(builder, rabbit, await servers.CreateVirtualHostAsync());
        }
    }

    private static void Replace(IDistributedApplicationBuilder builder, IResourceWithConnectionString resource, string connectionString)
    {
        foreach (var helper in builder.Resources.Where(r => IsHelperOf(r, resource)).ToList()) builder.Resources.Remove(helper);
        builder.Resources.Remove(resource);
        var standIn = builder.AddConnectionString(resource.Name, ReferenceExpression.Create($"{connectionString}"));
        resource.Annotations.Add(new ConnectionStringRedirectAnnotation(standIn.Resource));
    }

    // initdb and epmd are children of their server (ResourceRelationshipAnnotation "Parent").
    private static bool IsHelperOf(IResource candidate, IResource server) =>
        candidate is not IResourceWithConnectionString
        && candidate.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Type == "Parent" && ReferenceEquals(r.Resource, server));
}
