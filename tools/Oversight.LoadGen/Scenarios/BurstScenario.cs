using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen.Scenarios;

/// <summary>An intake burst: every office submitting complete laporan at once, each from its own client, in turn.</summary>
public sealed class BurstScenario(ScenarioContext context) : IScenario
{
    public const string Submit = "SubmitComplaint";

    public string Name => "burst";

    public string Proportions => $"100% {Submit} (complete laporan, registered at once), spread evenly over {context.Desks.Count} offices";

    public PlannedCall Next(long sequence)
    {
        var desk = context.Desk(sequence);
        return new PlannedCall(Submit, () => context.SubmitCompleteAsync(desk));
    }
}
