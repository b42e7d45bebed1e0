using System.Collections.Concurrent;
using System.Text.Json;
using Oversight.Testing;

namespace Oversight.FaultTests.Faults;

/// <summary>What one service's /health said once: the HTTP status (0 when nothing answered) and its checks not Healthy.</summary>
public sealed record HealthReading(string Service, int HttpStatus, IReadOnlyList<string> FailingChecks)
{
    public string Summary => HttpStatus == 0
        ? $"{Service}: unreachable"
        : $"{Service}: {HttpStatus} {(FailingChecks.Count == 0 ? "all checks healthy" : string.Join(", ", FailingChecks))}";
}

/// <summary>Polls the /health of some services every half second while a fault lasts and keeps every reading.</summary>
internal sealed class HealthWatch(TestSystem system, IReadOnlyList<string> services)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public ConcurrentQueue<HealthReading> Readings { get; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(services.Select(ReadAsync));
            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadAsync(string service)
    {
        using var http = system.Http(service);
        http.Timeout = TimeSpan.FromSeconds(3);
        try
        {
            using var response = await http.GetAsync("/health");
            var body = await response.Content.ReadAsStringAsync();
            Readings.Enqueue(new HealthReading(service, (int)response.StatusCode, FailingChecks(body)));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Readings.Enqueue(new HealthReading(service, 0, []));
        }
    }

    // The body of ServiceDefaults' HealthReportWriter: {"status":..,"checks":{"name":{"status":..,"description":..}}}.
    private static List<string> FailingChecks(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("checks").EnumerateObject()
                .Where(c => c.Value.GetProperty("status").GetString() != "Healthy")
                .Select(c => $"{c.Name}={c.Value.GetProperty("status").GetString()}")
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [$"unreadable body: {body[..Math.Min(80, body.Length)]}"];
        }
    }
}
