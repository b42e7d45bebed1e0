using System.Globalization;

namespace Oversight.AppHost;

/// <summary>
/// How many instances of each service run: <c>--replicas N</c> for every service, <c>--replicas NAME=N</c> for one (the
/// option may be given more than once; a named count wins over the general one). Aspire runs each instance as a process
/// of its own and its proxy spreads the calls to a service's endpoints over them (docs/architecture.md, "Replicas").
/// </summary>
internal static class ServiceReplicas
{
    /// <summary>The configuration section the option fills: one key per service, or <see cref="EveryService"/>.</summary>
    public const string Section = "Oversight:Replicas";

    public const string EveryService = "all";

    // More instances than this only compete for the same cores and connections: a mistake, not a deployment.
    private const int Most = 16;

    /// <summary>The option as configuration: "N" for every service, "NAME=N" for one.</summary>
    public static string ToSetting(string value)
    {
        var at = value.IndexOf('=');
        return at < 0 ? $"--{Section}:{EveryService}={value}" : $"--{Section}:{value[..at]}={value[(at + 1)..]}";
    }

    /// <summary>Sets the counts on the services declared so far; call it after the last service.</summary>
    public static IDistributedApplicationBuilder ApplyServiceReplicas(this IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var services = builder.Resources.OfType<ProjectResource>().ToList();
        foreach (var setting in section.GetChildren())
        {
            if (setting.Key != EveryService && !services.Any(s => s.Name == setting.Key))
            {
                throw new ArgumentException(
                    $"--replicas {setting.Key}={setting.Value}: there is no service {setting.Key}; the services are {string.Join(", ", services.Select(s => s.Name))}.");
            }
        }
        foreach (var service in services)
        {
            var value = section[service.Name] ?? section[EveryService];
            if (value is null) continue;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > Most)
            {
                throw new ArgumentException($"--replicas: \"{value}\" for {service.Name} is not a whole number from 1 to {Most}.");
            }
            builder.CreateResourceBuilder(service).WithReplicas(count);
        }
        return builder;
    }

    /// <summary>The instances a service runs in (1 unless replicated).</summary>
    public static int InstanceCount(this ProjectResource service) =>
        service.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1;
}
