using System.Reflection;

namespace Oversight.Hosting;

/// <summary>Where the repository is and which build configuration this code was built in, recorded at build time.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!.TrimEnd('/');

    public static string BuildConfiguration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
