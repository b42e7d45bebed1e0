using System.Text.Json;

namespace Oversight.AppHost.Commands;

/// <summary>
/// "Show outbox backlog" on a service with a transactional outbox (complaints, region-directory): how many events it
/// has written but not yet published to RabbitMQ, and whether its relay is publishing. Read from the service's own
/// <c>/health</c> report, whose <c>outbox</c> check carries the relay's last count (<c>data.waiting</c>, the figure of the
/// <c>oversight.outbox.backlog</c> gauge) and, when the relay is stuck, why. Reads only: no confirmation, no token.
/// </summary>
internal static class OutboxBacklogCommand
{
    public const string Name = "show-outbox-backlog";
    public const string DisplayName = "Show outbox backlog";

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    public static IResourceBuilder<ProjectResource> WithOutboxBacklogCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithCommand(Name, DisplayName,
            context => AdminCommands.RunAsync(context, DisplayName, ct => ShowAsync(service.Resource, ct)),
            new CommandOptions
            {
                Description = "How many events this service has written but not yet published to RabbitMQ, and whether its relay is publishing.",
                IconName = "MailInbox",
                UpdateState = AdminCommands.WhileRunning,
            });

    private static async Task<ExecuteCommandResult> ShowAsync(IResource service, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{AdminHttp.BaseUrl(service)}/health");
        // 503 when a check fails: the report still names every check.
        var (_, report) = await AdminHttp.SendAsync(request, Within, cancellationToken);
        return Describe(service.Name, report);
    }

    /// <summary>The outbox check of a <c>/health</c> report in one sentence, with the number of events waiting.</summary>
    internal static ExecuteCommandResult Describe(string service, JsonElement report)
    {
        if (!report.TryGetProperty("checks", out var checks) || !checks.TryGetProperty("outbox", out var outbox))
        {
            return CommandResults.Failure($"{service}'s /health has no outbox check: it has no outbox relay.");
        }
        if (!outbox.TryGetProperty("data", out var data) || !data.TryGetProperty("waiting", out var figure) || !figure.TryGetInt64(out var waiting))
        {
            return CommandResults.Failure($"{service}'s outbox check gives no number of events waiting (a build older than the dashboard's command?).");
        }
        var events = waiting == 1 ? "1 event" : $"{waiting} events";
        var healthy = outbox.TryGetProperty("status", out var status) && status.GetString() == "Healthy";
        var description = outbox.TryGetProperty("description", out var words) ? words.GetString() : null;
        return CommandResults.Success(healthy
            ? $"{events} waiting in the outbox of {service}; the relay is publishing."
            : $"{events} waiting in the outbox of {service}; the relay is not publishing: {description}");
    }
}
