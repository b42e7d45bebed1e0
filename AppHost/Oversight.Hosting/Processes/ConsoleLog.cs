namespace Oversight.Hosting.Processes;

/// <summary>One captured line of a process's output.</summary>
public sealed record ConsoleLine(DateTimeOffset Timestamp, bool IsError, string Text);

/// <summary>
/// The recent console lines of one resource, bounded so a chatty process cannot exhaust memory;
/// the oldest lines go first. Readers get a snapshot; <see cref="LineWritten"/> feeds live views.
/// </summary>
public sealed class ConsoleLog(int capacity = 5000)
{
    private readonly Queue<ConsoleLine> _lines = new();
    private readonly Lock _gate = new();

    /// <summary>How many lines were dropped because the log was full.</summary>
    public long Dropped { get; private set; }

    public event Action<ConsoleLine>? LineWritten;

    public void Write(string text, bool isError = false)
    {
        var line = new ConsoleLine(DateTimeOffset.UtcNow, isError, text);
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
                Dropped++;
            }
            _lines.Enqueue(line);
        }
        LineWritten?.Invoke(line);
    }

    public IReadOnlyList<ConsoleLine> Snapshot()
    {
        lock (_gate) return [.. _lines];
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate) return _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text).ToList();
    }
}
