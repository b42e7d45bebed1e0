namespace Oversight.Hosting.Resources;

/// <summary>A resource that clients reach through <c>ConnectionStrings__{ConnectionName}</c>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }

    /// <summary>The value in Aspire's format for this kind of resource; known once ports are assigned.</summary>
    string ConnectionString { get; }
}
