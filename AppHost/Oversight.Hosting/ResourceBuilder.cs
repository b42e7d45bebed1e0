using Oversight.Hosting.Resources;

namespace Oversight.Hosting;

/// <summary>A resource being declared, with Aspire's fluent calls.</summary>
public sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder application) where T : Resource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder Application { get; } = application;
}

/// <summary>The fluent calls of Aspire's resource builders, on ours.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Start this resource only after <paramref name="dependency"/> is ready.</summary>
    public static ResourceBuilder<T> WaitFor<T, TDependency>(this ResourceBuilder<T> builder, ResourceBuilder<TDependency> dependency)
        where T : Resource where TDependency : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    /// <summary>Inject <c>ConnectionStrings__{name}</c> for the referenced resource.</summary>
    public static ResourceBuilder<ProjectResource> WithReference<TSource>(this ResourceBuilder<ProjectResource> builder, ResourceBuilder<TSource> source)
        where TSource : Resource, IResourceWithConnectionString
    {
        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Inject the service-discovery entries of the referenced project's endpoints.</summary>
    public static ResourceBuilder<ProjectResource> WithReference(this ResourceBuilder<ProjectResource> builder, ResourceBuilder<ProjectResource> service)
    {
        builder.Resource.AddReference(service.Resource);
        return builder;
    }

    /// <summary>Set one more environment variable on the project.</summary>
    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> builder, string key, string value)
    {
        builder.Resource.AddEnvironment(key, value);
        return builder;
    }

    /// <summary>Add a database to a PostgreSQL server; it is created when the server is ready.</summary>
    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(this ResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null) =>
        server.Application.Add(new PostgresDatabaseResource(name, databaseName ?? name, server.Resource));
}
