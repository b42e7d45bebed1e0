using System.Reflection;

namespace Oversight.AppHost;

/// <summary>How the AppHost runs every service project, in one place rather than on each line of the map.</summary>
internal static class ServiceConventions
{
    /// <summary>
    /// Each service runs from its build output (the AppHost's build builds them, in the same configuration) instead of
    /// through <c>dotnet run</c>, which would keep an SDK process of about 130 MB beside each service. And each trusts the
    /// directory's token metadata over plain HTTP, since the AppHost runs every service on loopback without certificates.
    /// Each runs in the Production environment.
    /// In the dashboard, each service's <c>http</c> endpoint links its <c>/health</c> report (<see cref="DashboardLinks"/>).
    /// </summary>
    public static IDistributedApplicationBuilder UseServiceConventions(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode) return builder;
        var configuration = typeof(ServiceConventions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                var projectPath = project.GetProjectMetadata().ProjectPath;
                var directory = Path.GetDirectoryName(projectPath)!;
                var executable = Path.Combine(directory, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(projectPath));
                if (File.Exists(executable))
                {
                    project.Annotations.Add(new ExecutableAnnotation { Command = executable, WorkingDirectory = directory });
                }
                project.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
                {
                    env["OfficeAuthentication__RequireHttpsMetadata"] = "false";
                    // Production whatever environment the AppHost was started in: no developer exception page, which
                    // would answer errors with stack traces and the request's headers.
                    env["ASPNETCORE_ENVIRONMENT"] = "Production";
                    env["DOTNET_ENVIRONMENT"] = "Production";
                }));
                project.Annotations.Add(new ResourceUrlsCallbackAnnotation(DashboardLinks.NameServiceEndpoints));
            }
            return Task.CompletedTask;
        });
        return builder;
    }
}
