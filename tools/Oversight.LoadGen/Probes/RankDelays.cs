namespace Oversight.LoadGen.Probes;

/// <summary>
/// The delay from commits to a running count that includes them, when the count does not say which complaint it
/// added: the k-th commit (in time order) is counted once the count first reaches baseline + k. Both sequences
/// only grow, so this pairs the k-th commit with the first moment k of them were visible: if complaints are
/// counted out of order, a delay is assigned to the wrong complaint but the set of delays is still the
/// time each rank took to become visible.
/// </summary>
public static class RankDelays
{
    /// <summary>Delays in ms, one per commit that the observations reached; commits the count never reached are left out.</summary>
    public static IReadOnlyList<double> Compute(IEnumerable<DateTimeOffset> commits, IEnumerable<(DateTimeOffset At, long Count)> observations, long baseline)
    {
        var ordered = commits.Order().ToArray();
        var seen = observations.OrderBy(o => o.At).ToArray();
        var delays = new List<double>(ordered.Length);
        var next = 0;
        for (var k = 1; k <= ordered.Length; k++)
        {
            while (next < seen.Length && seen[next].Count < baseline + k) next++;
            if (next == seen.Length) break;
            delays.Add((seen[next].At - ordered[k - 1]).TotalMilliseconds);
        }
        return delays;
    }
}
