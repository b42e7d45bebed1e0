using Oversight.Testing;

namespace Oversight.FaultTests.Faults;

/// <summary>
/// One fault of the suite: the process to kill -9, the services whose /health must name it while it is down, and
/// the check names (substrings; any one will do) each of them must report as not healthy. No check names: the
/// killed process is a service, whose own /health must not answer.
/// </summary>
public sealed record Fault(string Name, Func<TestServers, TestSystem, ResourceHandle> Target, string[] WatchedServices, string[] FailingChecks)
{
    /// <summary>
    /// The fault can fall between a webhook call and the notifications service recording it as sent (its process or its
    /// database dies): the call is then made again, with the same event id for the receiver to drop. A webhook is an HTTP
    /// call, which no database transaction covers; for every other fault a second call is a failure.
    /// </summary>
    public bool MayResendWebhooks => Name is "postgres" or TestSystem.Notifications;

    /// <summary>
    /// Intake must keep answering OK while this process is down. The region directory: complaints routes from its
    /// routing cache (docs/architecture.md, "Routing cache"). The broker and Redis do not stop intake either, but the
    /// suite only records that (the "ok'd while down" figure), it does not require it.
    /// </summary>
    public bool IntakeMustContinue => Name is TestSystem.RegionDirectory || KillsOneInstanceOfSeveral;

    /// <summary>
    /// A service run in several instances (eng/faults.sh --replicas N): the kill takes one, and the others go on serving,
    /// intake included.
    /// </summary>
    public bool KillsOneInstanceOfSeveral => FailingChecks.Length == 0 && FaultSuiteFixture.Replicas > 1;

    // The complaints service only publishes (through its outbox): its "outbox" check names the broker; the consumers' bus check does.
    public static readonly Fault RabbitMQ = new("rabbitmq", (s, _) => s.RabbitMQ.Process,
        [TestSystem.Complaints, TestSystem.Reporting, TestSystem.Notifications], ["masstransit", "outbox"]);
    public static readonly Fault Redis = new("redis", (s, _) => s.Redis.Process, [TestSystem.Complaints, TestSystem.Reporting], ["redis"]);
    public static readonly Fault Postgres = new("postgres", (s, _) => s.Postgres.Process, [TestSystem.Complaints, TestSystem.Notifications], ["postgres"]);

    /// <summary>A killed service: its own /health must be unreachable while it is down.</summary>
    public static Fault Service(string name) => new(name, (_, system) => system.Project(name), [name], FailingChecks: []);

    public static readonly IReadOnlyList<Fault> All =
    [
        RabbitMQ, Redis, Postgres,
        Service(TestSystem.RegionDirectory), Service(TestSystem.Complaints), Service(TestSystem.Notifications), Service(TestSystem.Reporting),
    ];

    public static Fault Named(string name) => All.Single(f => f.Name == name);

    public override string ToString() => Name;
}
