using System.Collections.Concurrent;
using Oversight.FaultTests.Load;
using Oversight.Testing;

namespace Oversight.FaultTests;

/// <summary>
/// One system for the whole suite, hit by one fault after another: each fault case's invariants cover everything
/// acknowledged since the start, so damage done by an earlier fault cannot hide. Also collects the report lines and
/// writes them to the file <c>FAULTS_REPORT</c> names (eng/faults.sh prints it), else fault-report.txt in the output folder.
/// </summary>
public sealed class FaultSuiteFixture(TestServers servers) : IAsyncLifetime
{
    private readonly ConcurrentQueue<AcknowledgedSubmission> _acknowledged = new();
    private readonly Lock _reportGate = new();

    public TestServers Servers { get; } = servers;

    public FaultSystem System { get; private set; } = null!;

    public IReadOnlyCollection<AcknowledgedSubmission> AllAcknowledged => _acknowledged;

    /// <summary>Webhook calls repeated (same event id) by the cases so far: a case is judged on the ones it added.</summary>
    public int WebhookResendsSoFar { get; set; }

    /// <summary>Instances of each service: the REPLICAS environment variable (eng/faults.sh --replicas N), default 1.</summary>
    public static int Replicas => int.TryParse(Environment.GetEnvironmentVariable("REPLICAS"), out var replicas) && replicas > 0 ? replicas : 1;

    public static string ReportPath => Environment.GetEnvironmentVariable("FAULTS_REPORT") is { Length: > 0 } path
        ? path
        : Path.Combine(AppContext.BaseDirectory, "fault-report.txt");

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(ReportPath, "");
        System = await FaultSystem.StartAsync(Servers, Replicas);
    }

    public void Acknowledge(IEnumerable<AcknowledgedSubmission> acknowledged)
    {
        foreach (var a in acknowledged) _acknowledged.Enqueue(a);
    }

    public void Report(IEnumerable<string> lines)
    {
        lock (_reportGate) File.AppendAllLines(ReportPath, lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (System is not null) await System.DisposeAsync();
    }
}
