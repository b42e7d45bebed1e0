using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.Harness;

/// <summary>
/// Why a system did not start, for the failure's message: each resource's state, health and exit code when the wait
/// gave up. A long run's log is read from its tail, where the resources' own lines are long gone.
/// </summary>
public static class StartFailure
{
    public static Exception Explain(DistributedApplication app, string system, Exception cause)
    {
        var notifications = app.ResourceNotifications;
        var states = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Select(resource => notifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{resource.Name} {current.Snapshot.State?.Text ?? "(no state)"}"
                    + (current.Snapshot.HealthStatus is { } health ? $" {health}" : "")
                    + (current.Snapshot.ExitCode is { } exit ? $" exit {exit}" : "")
                : $"{resource.Name} (not seen)");
        return new InvalidOperationException($"{system} did not start ({cause.GetType().Name}: {cause.Message}); resources: {string.Join(", ", states)}", cause);
    }
}
