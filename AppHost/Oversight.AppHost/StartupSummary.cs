using System.Diagnostics;

namespace Oversight.AppHost;

/// <summary>
/// Once every service is ready, one block on the AppHost's console: how long the start took, and where each service
/// answers (the dashboard's own login line comes from Aspire above it).
/// </summary>
internal static class StartupSummary
{
    public static IDistributedApplicationBuilder PrintStartupSummary(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode) return builder;
        var clock = Stopwatch.StartNew();
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var services = @event.Model.Resources.OfType<ProjectResource>().ToList();
            var ready = 0;
            foreach (var service in services)
            {
                builder.Eventing.Subscribe<ResourceReadyEvent>(service, (_, _) =>
                {
                    if (Interlocked.Increment(ref ready) == services.Count) Print(services, clock.Elapsed);
                    return Task.CompletedTask;
                });
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    private static string Named(ProjectResource service) =>
        service.InstanceCount() is var count and > 1 ? $"{service.Name} x{count}" : service.Name;

    private static void Print(IReadOnlyList<ProjectResource> services, TimeSpan elapsed)
    {
        var lines = services.Select(service => $"  {Named(service),-18} " + string.Join("  ", service.GetEndpoints().OrderBy(e => e.EndpointName, StringComparer.Ordinal).Select(e => $"{e.EndpointName} {e.Url}")));
        Console.WriteLine($"""

            All {services.Count} services are ready, {elapsed.TotalSeconds:0.0} s after the AppHost started:
            {string.Join(Environment.NewLine, lines)}
            Stop everything with Ctrl+C (or SIGTERM).

            """);
    }
}
