using Oversight.Hosting.Processes;

namespace Oversight.Hosting.Resources;

/// <summary>The life of a resource, as the status table and the dashboard show it.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Restarting,
    Exited,
    FailedToStart,
    Stopping,
    Stopped,
}

/// <summary>A named part of the system: a server, a database in it, a project, or an external connection string.</summary>
public abstract class Resource(string name)
{
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    /// <summary>A short type name for tables: postgres, redis, rabbitmq, database, project, connection-string.</summary>
    public abstract string Type { get; }

    /// <summary>Resources that must be ready before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    public ConsoleLog Console { get; } = new();

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    /// <summary>Why the state is what it is: the failing check, the exit code, the start error.</summary>
    public string? StateDetail { get; private set; }

    public int? Pid { get; protected set; }

    public DateTimeOffset? StartedAt { get; protected set; }

    public int RestartCount { get; protected set; }

    /// <summary>The URLs an admin or a client would use, for the status table.</summary>
    public virtual IEnumerable<string> Urls => [];

    /// <summary>The environment the resource's process runs with (empty for non-process resources).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; protected set; } = new Dictionary<string, string>();

    /// <summary>Servers stop after the projects that use them.</summary>
    public virtual bool StopsLast => true;

    public event Action<Resource>? StateChanged;

    /// <summary>Completes when the resource first becomes ready; faults if it cannot start.</summary>
    internal TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void SetState(ResourceState state, string? detail = null)
    {
        lock (_gate)
        {
            State = state;
            StateDetail = detail;
        }
        StateChanged?.Invoke(this);
    }

    /// <summary>Starts the resource and returns once it is ready (or throws why it is not).</summary>
    internal abstract Task StartAsync(RunContext context, CancellationToken cancellationToken);

    internal abstract Task StopAsync();
}
