using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen.Probes;

/// <summary>
/// An end-to-end delay over the complaints of a run: how many were seen downstream within the wait, how many
/// were not, and the delay percentiles. <see cref="Note"/> says why it was not measured, when it was not.
/// </summary>
public sealed record DelayFigures(int Expected, int Seen, LatencyFigures Delay, string? Note = null)
{
    public int Missing => Expected - Seen;

    public static DelayFigures NotMeasured(string why) => new(0, 0, Percentiles.Of([]), why);
}
