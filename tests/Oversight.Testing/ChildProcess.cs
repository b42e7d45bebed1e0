using System.Diagnostics;

namespace Oversight.Testing;

/// <summary>What a finished child process left: its exit code and its two output streams; -1 when it was stopped.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Errors, bool TimedOut);

/// <summary>A command a test runs outside .NET (node, bash, the built AppHost), read to its end.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="start"/> with both streams read as it writes them (so a full pipe never blocks it), its
    /// standard input given or closed, and its whole process tree killed if it is still running after <paramref name="within"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan within, string? input = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new ProcessResult(-1, await output, await errors, TimedOut: true);
        }
        return new ProcessResult(process.ExitCode, await output, await errors, TimedOut: false);
    }
}
