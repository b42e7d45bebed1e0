using System.Globalization;
using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen;

/// <summary>The command line of <c>bash eng/load.sh</c>; see <see cref="Usage"/>.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: bash eng/load.sh burst|mix|situation-room [options]
          --concurrency N        closed loop: N callers, each calling again when its last call returned (default 16)
          --rate R               open loop: R arrivals per second, latency from the scheduled start (e.g. --rate 50 or 50/s)
          --seconds N            measured time per run (default 20)
          --warmup N             unmeasured warm-up at the same load first (default 5, with --find-max 120; 0 for none)
          --offices N            offices submitting, each its own Bawaslu office and client (default 24)
          --find-max             burst only: open-loop runs at rising rates until p99 >= --p99-limit or calls fail
            --from R --factor F --up-to R --p99-limit MS   (defaults 5, 1.5, 2000, 200)
            --through            keep stepping past the limit until intake saturates (calls fail or fall under 90% of the rate)
          --settle N             seconds to wait for reporting and webhooks to catch up after a run (default 60)
          --max-in-flight N      open loop: arrivals beyond N outstanding calls are not sent, counted as errors (default 2000)
          --watchers N           situation-room: WatchSummary streams held open (default 5)
          --seed N               situation-room: complaints submitted before the run (default 200)
          --json FILE            also write the report as JSON
          --env SERVICE:NAME=VALUE   a setting for a service of the self-started system (repeatable)
          --target complaints=URL,region-directory=URL,reporting=URL,notifications=URL,directory-http=URL
                                 run against a system started by the AppHost (gRPC URLs; directory-http for /connect/token)
            --admin-client ID --admin-secret SECRET   its bootstrap admin (printed once by the AppHost)
        """;

    public static readonly string[] Scenarios = ["burst", "mix", "situation-room"];

    public required string Scenario { get; init; }
    public LoadShape Shape { get; init; } = new LoadShape.Closed(16);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A find-max search warms up for two minutes unless told otherwise. A freshly started service spends its first minutes
    /// compiling (tiered JIT: 25-40 thousand method compilations per service, measured from the dashboard's
    /// <c>dotnet.jit.compiled_methods</c> under 20 submissions/s), and JIT then takes a quarter to a half of each service's
    /// CPU in a profile: a first step measured cold measures the compiler, not intake.
    /// </summary>
    public static readonly TimeSpan FindMaxWarmUp = TimeSpan.FromSeconds(120);
    public int Offices { get; init; } = 24;
    public bool FindMax { get; init; }
    public bool Through { get; init; }
    public double FindFrom { get; init; } = 5;
    public double FindFactor { get; init; } = 1.5;
    public double FindUpTo { get; init; } = 2000;
    public double P99LimitMs { get; init; } = 200;
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxInFlight { get; init; } = 2000;
    public int Watchers { get; init; } = 5;
    public int Seed { get; init; } = 200;
    public string? JsonFile { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string>? Target { get; init; }
    public string? AdminClient { get; init; }
    public string? AdminSecret { get; init; }

    /// <summary>Parses the arguments; an <see cref="ArgumentException"/> names the option and the rule it broke.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Scenarios.Contains(args[0])) throw new ArgumentException($"the first argument is the scenario: {string.Join(", ", Scenarios)}");
        var options = new LoadOptions { Scenario = args[0] };
        int? concurrency = null;
        double? rate = null;
        var warmUpGiven = false;
        var environment = new Dictionary<string, string>();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name}: a value is missing");
            switch (name)
            {
                case "--concurrency":
                    concurrency = (int)Whole(name, Value());
                    continue;
                case "--rate":
                    rate = Positive(name, Value().Replace("/s", "", StringComparison.Ordinal));
                    continue;
                case "--env":
                    Setting(Value(), environment);
                    continue;
                case "--warmup":
                    warmUpGiven = true;
                    break;
            }
            options = name switch
            {
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Positive(name, Value())) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(NotNegative(name, Value())) },
                "--offices" => options with { Offices = (int)Whole(name, Value()) },
                "--find-max" => options with { FindMax = true },
                "--through" => options with { Through = true },
                "--from" => options with { FindFrom = Positive(name, Value()) },
                "--factor" => options with { FindFactor = Positive(name, Value()) },
                "--up-to" => options with { FindUpTo = Positive(name, Value()) },
                "--p99-limit" => options with { P99LimitMs = Positive(name, Value()) },
                "--settle" => options with { Settle = TimeSpan.FromSeconds(NotNegative(name, Value())) },
                "--max-in-flight" => options with { MaxInFlight = (int)Whole(name, Value()) },
                "--watchers" => options with { Watchers = (int)NotNegative(name, Value()) },
                "--seed" => options with { Seed = (int)NotNegative(name, Value()) },
                "--json" => options with { JsonFile = Value() },
                "--target" => options with { Target = Targets(Value()) },
                "--admin-client" => options with { AdminClient = Value() },
                "--admin-secret" => options with { AdminSecret = Value() },
                _ => throw new ArgumentException($"{name}: unknown option\n{Usage}"),
            };
        }

        if (concurrency is not null && rate is not null) throw new ArgumentException("--concurrency and --rate: choose one (closed loop or open loop)");
        if (options.FindMax && options.Scenario != "burst") throw new ArgumentException("--find-max: only for the burst scenario");
        if (options.FindMax && concurrency is not null) throw new ArgumentException("--find-max: steps an open-loop rate; --concurrency does not apply");
        if (options.Through && !options.FindMax) throw new ArgumentException("--through: only with --find-max");
        if (options.FindMax && options.FindFactor <= 1) throw new ArgumentException("--factor: must be greater than 1");
        if (options.Target is not null && (options.AdminClient is null || options.AdminSecret is null))
            throw new ArgumentException("--target: needs --admin-client and --admin-secret (the AppHost prints them on its first start)");
        if (options.Target is not null && environment.Count > 0) throw new ArgumentException("--env: only for the system the load generator starts itself");
        LoadShape shape = rate is { } r ? new LoadShape.Open(r, options.MaxInFlight) : new LoadShape.Closed(concurrency ?? 16);
        if (options.FindMax && !warmUpGiven) options = options with { WarmUp = FindMaxWarmUp };
        return options with { Shape = shape, Environment = environment };
    }

    private static Dictionary<string, string> Targets(string value)
    {
        var urls = new Dictionary<string, string>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--target: '{part}' is not NAME=URL");
            var (name, url) = (part[..eq], part[(eq + 1)..]);
            if (!Oversight.LoadGen.Target.RemoteTarget.Names.Contains(name)) throw new ArgumentException($"--target: unknown name '{name}' (expected {string.Join(", ", Oversight.LoadGen.Target.RemoteTarget.Names)})");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) throw new ArgumentException($"--target: {name}: '{url}' is not an http(s) URL");
            urls[name] = url;
        }
        var missing = Oversight.LoadGen.Target.RemoteTarget.Names.Where(n => !urls.ContainsKey(n)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"--target: missing {string.Join(", ", missing)}");
        return urls;
    }

    private static void Setting(string value, Dictionary<string, string> environment)
    {
        var colon = value.IndexOf(':');
        var eq = value.IndexOf('=');
        if (colon <= 0 || eq < colon + 2) throw new ArgumentException($"--env: '{value}' is not SERVICE:NAME=VALUE");
        environment[value[..eq]] = value[(eq + 1)..];
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && !double.IsInfinity(v)
            ? v : throw new ArgumentException($"{name}: expected a positive number, got '{value}'");

    private static double NotNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && !double.IsInfinity(v)
            ? v : throw new ArgumentException($"{name}: expected a number of at least 0, got '{value}'");

    private static long Whole(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= int.MaxValue
            ? v : throw new ArgumentException($"{name}: expected a positive whole number, got '{value}'");
}
