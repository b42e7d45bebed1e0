namespace Oversight.LoadGen.Engine;

/// <summary>
/// A weighted choice of operations: each call picks one with probability weight / total weight. Pure (the caller
/// supplies the uniform draw), so a scenario's proportions are testable.
/// </summary>
public sealed class OperationMix<T> where T : notnull
{
    private readonly (T Item, double UpTo)[] _cumulative;
    private readonly T _lastWeighted;

    public OperationMix(IEnumerable<(T Item, double Weight)> weights)
    {
        var list = weights.ToList();
        if (list.Count == 0) throw new ArgumentException("a mix needs at least one operation", nameof(weights));
        if (list.Any(w => !(w.Weight >= 0) || double.IsInfinity(w.Weight))) throw new ArgumentException("weights must be finite and not negative", nameof(weights));
        var total = list.Sum(w => w.Weight);
        if (total <= 0) throw new ArgumentException("at least one weight must be positive", nameof(weights));
        double sum = 0;
        _cumulative = list.Select(w => (w.Item, UpTo: (sum += w.Weight) / total)).ToArray();
        Shares = list.ToDictionary(w => w.Item, w => w.Weight / total);
        _lastWeighted = list.Last(w => w.Weight > 0).Item;
    }

    /// <summary>Each operation's share of the calls (0..1).</summary>
    public IReadOnlyDictionary<T, double> Shares { get; }

    /// <summary>The operation for a uniform draw in [0, 1).</summary>
    public T Pick(double uniform)
    {
        if (uniform is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(uniform), uniform, "the draw is in [0, 1)");
        foreach (var (item, upTo) in _cumulative)
        {
            if (uniform < upTo) return item;
        }
        // Rounding can leave the last bound a hair under 1: the draw belongs to the last operation that has a weight.
        return _lastWeighted;
    }
}
