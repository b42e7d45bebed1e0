namespace Oversight.Bench;

/// <summary>Command-line options: <c>--seconds 10 --concurrency 16 --rounds 3 --warmup 3</c>.</summary>
public sealed record BenchOptions(TimeSpan Duration, int Concurrency, int Rounds, TimeSpan WarmUp)
{
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        int Value(string name, int fallback)
        {
            var index = args.ToList().IndexOf(name);
            if (index < 0) return fallback;
            if (index + 1 >= args.Count || !int.TryParse(args[index + 1], out var value) || value <= 0)
                throw new ArgumentException($"{name}: expected a positive whole number");
            return value;
        }
        return new BenchOptions(
            TimeSpan.FromSeconds(Value("--seconds", 10)), Value("--concurrency", 16), Value("--rounds", 3), TimeSpan.FromSeconds(Value("--warmup", 3)));
    }
}
