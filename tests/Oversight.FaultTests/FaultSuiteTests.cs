using System.Globalization;
using Oversight.FaultTests.Faults;
using Oversight.Testing;

namespace Oversight.FaultTests;

/// <summary>
/// Under a steady load of submissions from four desks, kill -9 in turn RabbitMQ, Redis, PostgreSQL and each service,
/// bring it back, and check the invariants: nothing OK'd is lost or stored twice, reporting equals the database,
/// every ComplaintSubmitted reaches the webhook exactly once, callers saw only Unavailable-like failures, /health
/// named the fault, and the backlog drains within the stated bound.
/// </summary>
[TestCaseOrderer(typeof(FaultOrder))]
public sealed class FaultSuiteTests(FaultSuiteFixture suite) : IClassFixture<FaultSuiteFixture>
{
    /// <summary>Every fault, or those the FAULTS environment variable names (space or comma separated; eng/faults.sh sets it).</summary>
    public static TheoryData<string> Faults => new(Fault.All.Select(f => f.Name)
        .Where(name => Environment.GetEnvironmentVariable("FAULTS") is not { Length: > 0 } wanted
            || wanted.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Contains(name)));

    // Bounded: warm-up, a ten-second outage, the restart (RabbitMQ: up to 40 s on busy cores) and at most 120 s to recover fit in five minutes.
    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Faults))]
    public async Task Under_load_kill_9_and_bring_back(string fault)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var outcome = await new FaultRun(suite, Fault.Named(fault)).ExecuteAsync(TestContext.Current.CancellationToken);
        var lines = outcome.Lines().ToList();
        suite.Report(lines);
        foreach (var line in lines) TestContext.Current.TestOutputHelper?.WriteLine(line);

        Assert.True(outcome.Acknowledged > 0, "the load got no submission through at all");
        Assert.True(outcome.Storage.Lost == 0, $"{outcome.Storage.Lost} acknowledged submissions are not stored");
        Assert.True(outcome.Storage.Duplicated == 0, $"{outcome.Storage.Duplicated} submissions are stored twice");
        Assert.True(outcome.Reporting.Holds, "reporting differs from the database: " + string.Join("; ", outcome.Reporting.Differences));
        Assert.True(outcome.NotificationsHold, lines[0]);
        Assert.True(outcome.Backlog.Drained, $"backlog left: {outcome.Backlog}");
        Assert.True(outcome.OtherFailureCount == 0, "calls failed with other statuses: " + string.Join("; ", outcome.OtherFailures));
        Assert.True(outcome.HealthNamedTheFault, outcome.OneOfSeveral
            ? $"/health never answered through the other instances: {lines[2]}"
            : $"/health never named the fault: {lines[2]}");
        Assert.True(!Fault.Named(fault).IntakeMustContinue || outcome.AcknowledgedWhileDown > 0,
            $"no submission answered OK while {fault} was down: {lines[0]}");
        Assert.True(outcome.Recovered, $"not recovered within {FaultRun.RecoveryBound.TotalSeconds} s");
    }
}
