using Xunit.Sdk;
using Xunit.v3;

namespace Oversight.FaultTests.Faults;

/// <summary>Runs the fault cases in the order (RabbitMQ, Redis, PostgreSQL, then the services), not xunit's hash order.</summary>
public sealed class FaultOrder : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(testCase => Position(testCase)).ToList();

    private static int Position(ITestCase testCase)
    {
        var names = Fault.All.Select(f => f.Name).ToList();
        var index = names.FindIndex(name => testCase.TestCaseDisplayName.Contains($"\"{name}\"", StringComparison.Ordinal));
        return index < 0 ? int.MaxValue : index;
    }
}
