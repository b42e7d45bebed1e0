using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// A service's health in the dashboard, read from its own <c>/health</c> report: Healthy, Degraded (it serves, with a
/// dependency it can do without down, e.g. Redis for a cache or the broker for an outbox) or Unhealthy, with the
/// failing checks named. Aspire's plain HTTP check would show a degraded service as healthy, since it answers 200.
/// </summary>
internal static class ServiceHealth
{
    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> service)
    {
        var endpoint = service.GetEndpoint("http");
        var key = $"{service.Resource.Name}_health";
        service.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            _ => new PatientHealthCheck(new ReportCheck(endpoint)), failureStatus: null, tags: null));
        return service.WithHealthCheck(key);
    }

    private sealed class ReportCheck(EndpointReference endpoint) : IHealthCheck
    {
        private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!endpoint.IsAllocated) return HealthCheckResult.Unhealthy("endpoint not allocated yet");
            try
            {
                using var response = await Client.GetAsync($"{endpoint.Url}/health", cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                using var report = JsonDocument.Parse(body);
                var failing = report.RootElement.GetProperty("checks").EnumerateObject()
                    .Where(check => check.Value.GetProperty("status").GetString() != nameof(HealthStatus.Healthy))
                    .Select(check => $"{check.Name}: {check.Value.GetProperty("description").GetString()}")
                    .ToList();
                var description = failing.Count == 0 ? null : string.Join("; ", failing);
                return report.RootElement.GetProperty("status").GetString() switch
                {
                    nameof(HealthStatus.Healthy) => HealthCheckResult.Healthy(),
                    nameof(HealthStatus.Degraded) => HealthCheckResult.Degraded(description),
                    _ => HealthCheckResult.Unhealthy(description ?? $"/health answered {(int)response.StatusCode}"),
                };
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy($"/health: {ex.Message}");
            }
        }
    }
}
