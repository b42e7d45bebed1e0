namespace Oversight.Bench;

/// <summary>Command-line options: <c>--seconds 10 --concurrency 16 --rounds 3 --warmup 3</c> (and <c>--events N --rate 50</c>).</summary>
public sealed record BenchOptions(TimeSpan Duration, int Concurrency, int Rounds, TimeSpan WarmUp)
{
    /// <summary>Events per burst of the notifications and reporting benchmarks (<c>--events</c>); null: each benchmark's own default.</summary>
    public int? Events { get; init; }

    /// <summary>Events per second of the reporting benchmark's paced load (<c>--rate</c>).</summary>
    public int Rate { get; init; } = 50;

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
            TimeSpan.FromSeconds(Value("--seconds", 10)), Value("--concurrency", 16), Value("--rounds", 3), TimeSpan.FromSeconds(Value("--warmup", 3)))
        {
            Events = args.Contains("--events") ? Value("--events", 0) : null,
            Rate = Value("--rate", 50),
        };
    }
}
