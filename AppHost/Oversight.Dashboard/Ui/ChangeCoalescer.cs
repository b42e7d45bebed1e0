namespace Oversight.Dashboard.Ui;

/// <summary>
/// Gathers "something changed" notifications between two sends of the live feed, so that a flood (thousands of
/// spans or console lines a second) becomes one small message per interval naming what to re-read. Thread-safe.
/// </summary>
public sealed class ChangeCoalescer
{
    private readonly Lock _gate = new();
    private bool _resources, _logs, _traces, _metrics;
    private readonly HashSet<string> _console = new(StringComparer.Ordinal);
    private readonly HashSet<string> _telemetry = new(StringComparer.Ordinal);
    private long _notifications;

    public void Resource(string name, bool console)
    {
        lock (_gate)
        {
            _notifications++;
            if (console) _console.Add(name);
            else _resources = true;
        }
    }

    public void Telemetry(string service, bool logs, bool traces, bool metrics, bool newResource)
    {
        lock (_gate)
        {
            _notifications++;
            _telemetry.Add(service);
            _logs |= logs;
            _traces |= traces;
            _metrics |= metrics;
            _resources |= newResource;
        }
    }

    /// <summary>What changed since the last call (and resets), or null when nothing did.</summary>
    public ChangeSet? Take()
    {
        lock (_gate)
        {
            if (_notifications == 0) return null;
            var set = new ChangeSet(_resources, [.. _console.Order(StringComparer.Ordinal)], _logs, _traces, _metrics,
                [.. _telemetry.Order(StringComparer.Ordinal)], _notifications);
            _resources = _logs = _traces = _metrics = false;
            _console.Clear();
            _telemetry.Clear();
            _notifications = 0;
            return set;
        }
    }
}

/// <summary>One message of the live feed: what to re-read, and how many notifications it stands for.</summary>
public sealed record ChangeSet(bool Resources, IReadOnlyList<string> Console, bool Logs, bool Traces, bool Metrics,
    IReadOnlyList<string> TelemetryResources, long Coalesced);
