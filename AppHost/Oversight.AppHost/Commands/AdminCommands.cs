using Microsoft.Extensions.Logging;

namespace Oversight.AppHost.Commands;

/// <summary>The admin commands a service's row in the dashboard can offer (its "..." menu).</summary>
internal enum AdminCommand
{
    /// <summary>region-directory: import the official region list (<see cref="ImportRegionListCommand"/>).</summary>
    ImportRegionList,

    /// <summary>reporting: rebuild the read model from the complaints service's export (<see cref="RebuildReportingCommand"/>).</summary>
    RebuildReporting,

    /// <summary>A service with an outbox (complaints, region-directory): the events waiting (<see cref="OutboxBacklogCommand"/>).</summary>
    ShowOutboxBacklog,
}

/// <summary>
/// Operations that otherwise need a command line or a curl, as resource commands: run by the AppHost when an admin picks
/// them in the dashboard (or by <c>ResourceCommandService</c>), each answering with a message. Those that change data ask
/// for confirmation first; those that need a token sign in at the region directory as the bootstrap admin.
/// </summary>
internal static class AdminCommands
{
    public static IResourceBuilder<ProjectResource> WithAdminCommands(this IResourceBuilder<ProjectResource> service, params AdminCommand[] commands)
    {
        foreach (var command in commands)
        {
            _ = command switch
            {
                AdminCommand.ImportRegionList => service.WithImportRegionListCommand(),
                AdminCommand.RebuildReporting => service.WithRebuildReportingCommand(),
                AdminCommand.ShowOutboxBacklog => service.WithOutboxBacklogCommand(),
                _ => throw new ArgumentOutOfRangeException(nameof(commands), command, "unknown admin command"),
            };
        }
        return service;
    }

    /// <summary>Enabled while the service runs: every command calls it.</summary>
    internal static ResourceCommandState WhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    /// <summary>
    /// Runs a command's work, turning the failures an admin can act on (a service that does not answer, a refusal) into
    /// a failed result with their message, and logging the outcome in the resource's log.
    /// </summary>
    internal static async Task<ExecuteCommandResult> RunAsync(ExecuteCommandContext context, string displayName,
        Func<CancellationToken, Task<ExecuteCommandResult>> work)
    {
        ExecuteCommandResult result;
        try
        {
            result = await work(context.CancellationToken);
        }
        catch (AdminCommandException ex)
        {
            result = CommandResults.Failure(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            result = CommandResults.Failure($"No answer: {ex.Message}");
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            result = CommandResults.Failure("No answer in time.");
        }
        if (result.Message is { } message)
        {
            // In the resource's console log too: a trace of what was done from the dashboard, and when.
            if (result.Success) context.Logger.LogInformation("{Command}: {Message}", displayName, message);
            else context.Logger.LogWarning("{Command}: {Message}", displayName, message);
        }
        return result;
    }
}

/// <summary>A command's failure with a message for the admin (the reason and what to do).</summary>
internal sealed class AdminCommandException(string message) : Exception(message);
