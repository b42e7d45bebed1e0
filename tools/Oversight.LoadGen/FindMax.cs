namespace Oversight.LoadGen;

/// <summary>The rates a find-max search offers in turn: from, from·factor, ... up to the ceiling (rounded to 0.1/s).</summary>
public static class FindMax
{
    public static IEnumerable<double> Rates(double from, double factor, double upTo)
    {
        if (from <= 0 || factor <= 1 || upTo < from) throw new ArgumentException("rates rise from a positive start by a factor above 1 to a ceiling at or above the start");
        for (var rate = from; rate <= upTo + 1e-9; rate *= factor) yield return Math.Round(rate, 1);
    }
}
