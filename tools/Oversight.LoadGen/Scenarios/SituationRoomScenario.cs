using Grpc.Core;
using Oversight.Contracts.Reporting;
using Oversight.LoadGen.Engine;

namespace Oversight.LoadGen.Scenarios;

/// <summary>
/// The national situation room on election night: report reads over the nation, a province and a regency, a few
/// WatchSummary streams held open for the whole run, and a trickle of intake so the streams have changes to push.
/// Before the clock starts it submits <c>seed</c> complaints so the reports have something to add up.
/// </summary>
public sealed class SituationRoomScenario(ScenarioContext context, int seed, int watchers) : IScenario, IAsyncDisposable
{
    public static readonly (string Operation, double Weight)[] Weights =
    [
        ("GetSummary", 45),
        ("GetTimeSeries", 25),
        ("ListOverdue", 25),
        ("SubmitComplaint", 5),
    ];

    private readonly OperationMix<string> _mix = new(Weights);
    private readonly ThreadLocal<Random> _random = new(() => new Random(Environment.CurrentManagedThreadId));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _streams = [];
    private long _updates, _streamFailures;

    public string Name => "situation-room";

    public string Proportions => string.Join(", ", Weights.Select(w => $"{w.Weight / Weights.Sum(x => x.Weight):0%} {w.Operation}")) +
        $" (report reads over the nation, a province and a regency in turn, as a national client); {watchers} WatchSummary streams open throughout; {seed} complaints submitted before the run";

    public long Updates => Interlocked.Read(ref _updates);
    public long StreamFailures => Interlocked.Read(ref _streamFailures);
    public int Watchers => watchers;

    public async Task PrepareAsync()
    {
        long ok = 0, failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, seed), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            try
            {
                await context.SubmitCompleteAsync(context.Desk(n));
                Interlocked.Increment(ref ok);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        });
        Console.WriteLine($"  seeded {ok} complaints for the reports ({failed} failed)");
        for (var i = 0; i < watchers; i++) _streams.Add(WatchAsync(Region(i)));
    }

    public PlannedCall Next(long sequence)
    {
        var operation = _mix.Pick(_random.Value!.NextDouble());
        var region = Region(sequence);
        return operation switch
        {
            "GetSummary" => new(operation, async () => await context.Reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = region }, await context.National.HeadersAsync())),
            "GetTimeSeries" => new(operation, async () => await context.Reporting.GetTimeSeriesAsync(new GetTimeSeriesRequest { RegionCode = region }, await context.National.HeadersAsync())),
            "ListOverdue" => new(operation, async () => await context.Reporting.ListOverdueAsync(new ListOverdueRequest { RegionCode = region }, await context.National.HeadersAsync())),
            _ => new(operation, () => context.SubmitCompleteAsync(context.Desk(sequence))),
        };
    }

    // The nation, a desk's province, a desk's regency, in turn.
    private string Region(long n)
    {
        var desk = context.Desk(n / 3);
        return (n % 3) switch { 0 => "", 1 => desk.RegionCode[..desk.RegionCode.IndexOf('.')], _ => desk.RegionCode };
    }

    private async Task WatchAsync(string region)
    {
        try
        {
            using var call = context.Reporting.WatchSummary(new GetSummaryRequest { RegionCode = region }, await context.National.HeadersAsync(), cancellationToken: _stop.Token);
            await foreach (var _ in call.ResponseStream.ReadAllAsync(_stop.Token)) Interlocked.Increment(ref _updates);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _streamFailures);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
        _stop.Dispose();
    }
}
