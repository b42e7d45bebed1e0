namespace Oversight.Dashboard.Ui;

/// <summary>One resource of the AppHost as the Resources page shows it (environment not yet masked).</summary>
public sealed record ResourceView(
    string Name,
    string Type,
    string State,
    string? StateDetail,
    int? Pid,
    DateTimeOffset? StartedAt,
    int RestartCount,
    IReadOnlyList<string> Urls,
    IReadOnlyDictionary<string, string> Environment,
    bool CanControl,
    long ConsoleDropped);

/// <summary>One captured console line with its sequence number (1 for the first line the resource ever wrote).</summary>
public sealed record ConsoleLineView(long Sequence, DateTimeOffset Timestamp, bool IsError, string Text);

/// <summary>The lines after a sequence number, and how many older lines the bounded log dropped.</summary>
public sealed record ConsoleSlice(IReadOnlyList<ConsoleLineView> Lines, long Dropped, long Next);

/// <summary>What the dashboard's pages can do with the AppHost's resources: list them, read consoles, stop and start.</summary>
public interface IDashboardResources
{
    IReadOnlyList<ResourceView> GetResources();

    /// <summary>The console lines with a sequence number above <paramref name="after"/>; null for an unknown resource.</summary>
    ConsoleSlice? GetConsole(string name, long after);

    /// <summary>
    /// Starts <paramref name="command"/> (stop, start or restart) and returns once it is under way; the outcome shows
    /// in the resource's state. Returns an error text instead when it cannot run.
    /// </summary>
    string? Execute(string name, string command);

    /// <summary>A resource changed state (<c>console</c> false) or wrote console lines (<c>console</c> true).</summary>
    event Action<string, bool>? Changed;
}
