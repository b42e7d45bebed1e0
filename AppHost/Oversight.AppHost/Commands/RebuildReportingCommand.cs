using System.Text.Json;

namespace Oversight.AppHost.Commands;

/// <summary>
/// "Rebuild reporting" on reporting: <c>RebuildReadModel</c> (<c>POST /v1/reports:rebuild</c>, docs/reporting.md
/// "Rebuild") as the bootstrap admin, whose token reporting passes on to the complaints service's export. The live
/// numbers keep serving until the rebuilt ones replace them in one step; a second rebuild meanwhile is refused.
/// </summary>
internal static class RebuildReportingCommand
{
    public const string Name = "rebuild-reporting";
    public const string DisplayName = "Rebuild reporting";

    // A rebuild reads every complaint once; the dashboard's progress dialog can cancel it sooner.
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(30);

    public static IResourceBuilder<ProjectResource> WithRebuildReportingCommand(this IResourceBuilder<ProjectResource> reporting) =>
        reporting.WithCommand(Name, DisplayName,
            context => AdminCommands.RunAsync(context, DisplayName, ct => RebuildAsync(context, reporting.Resource, ct)),
            new CommandOptions
            {
                Description = "Rebuilds reporting's read model (every count and list) from the complaints service's export.",
                ConfirmationMessage = "Rebuild reporting from the complaints service's export? The current numbers keep serving until "
                    + "the rebuilt ones replace them in one step; the rebuild reads every complaint.",
                IconName = "ArrowSync",
                UpdateState = AdminCommands.WhileRunning,
                // A progress dialog while it runs, whose Cancel ends the call (reporting then drops the half-built generation).
                Progress = new CommandProgressOptions { Title = DisplayName, Message = "Rebuilding reporting from the complaints service's export…" },
            });

    private static async Task<ExecuteCommandResult> RebuildAsync(ExecuteCommandContext context, IResource reporting, CancellationToken cancellationToken)
    {
        var token = await AdminToken.GetAsync(context.Services, cancellationToken);
        using var request = AdminHttp.Post($"{AdminHttp.BaseUrl(reporting)}/v1/reports:rebuild", new { }, token);
        var (status, answer) = await AdminHttp.SendAsync(request, Within, cancellationToken);
        return status == 200
            ? CommandResults.Success(Describe(answer))
            : CommandResults.Failure($"Reporting refused the rebuild: {AdminHttp.Refusal(status, answer)}");
    }

    /// <summary>The rebuild's answer (generation and complaints are int64: strings in JSON) in one sentence.</summary>
    internal static string Describe(JsonElement answer) =>
        $"Rebuilt reporting from the complaints service's export: generation {AdminHttp.Number(answer, "generation")} is live, "
        + $"with {AdminHttp.Number(answer, "complaints")} complaints.";
}
