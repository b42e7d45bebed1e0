using Oversight.Hosting.Resources;

namespace Oversight.Testing;

/// <summary>Waiting for what a service prints: its console reaches the AppHost through a pipe, a moment after the fact.</summary>
public static class ConsoleExpectations
{
    /// <summary>Returns the console lines once one contains <paramref name="text"/>; fails after <paramref name="within"/> (default 10 s).</summary>
    public static Task<IReadOnlyList<string>> WaitForLineAsync(this ProjectResource project, string text, TimeSpan? within = null) =>
        Eventually.HoldsAsync(
            () => Task.FromResult<IReadOnlyList<string>>(project.Console.Snapshot().Select(l => l.Text).ToList()),
            lines => lines.Any(l => l.Contains(text, StringComparison.Ordinal)),
            within ?? TimeSpan.FromSeconds(10), $"a line of {project.Name} containing \"{text}\"");
}
