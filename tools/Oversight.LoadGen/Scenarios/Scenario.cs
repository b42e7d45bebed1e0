using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen.Scenarios;

/// <summary>A load scenario: what the next call is, and the share of each operation it draws (stated in the report).</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>The operations and their intended shares, in words, for the report.</summary>
    string Proportions { get; }

    /// <summary>Anything the scenario needs in place before the clock starts (data to read), awaited once.</summary>
    Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Called for every arrival, on the pacing thread: it must only decide, not wait.</summary>
    PlannedCall Next(long sequence);
}
