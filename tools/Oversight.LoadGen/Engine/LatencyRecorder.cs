using System.Collections.Concurrent;
using Grpc.Core;

namespace Oversight.LoadGen.Engine;

/// <summary>
/// Latencies and failures per operation, from any number of threads. A failure is counted under its gRPC status
/// (or the exception's type when the call never got one), and its latency is not mixed with the successes'.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, OperationLog> _logs = new();

    public void Succeeded(string operation, double latencyMs) => Log(operation).Add(latencyMs);

    public void Failed(string operation, string status, string? detail = null) => Log(operation).Fail(status, detail);

    /// <summary>Counts the failure under its status and keeps the first detail seen for that status (which dependency, which rule).</summary>
    public void Failed(string operation, Exception error) => Failed(operation, StatusOf(error), (error as RpcException)?.Status.Detail ?? error.Message);

    /// <summary>The status name a failure is counted under: the gRPC status code, else the exception type.</summary>
    public static string StatusOf(Exception error) => error switch
    {
        RpcException rpc => rpc.StatusCode.ToString(),
        UnexpectedAnswerException unexpected => unexpected.Message,
        OperationCanceledException => "Cancelled",
        _ => error.GetType().Name,
    };

    /// <summary>One summary per operation (by name), over a run that lasted <paramref name="elapsed"/>.</summary>
    public IReadOnlyList<OperationSummary> Summaries(TimeSpan elapsed) =>
        _logs.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value.Summary(l.Key, elapsed)).ToList();

    /// <summary>All operations together.</summary>
    public OperationSummary Total(TimeSpan elapsed)
    {
        var all = new OperationLog();
        foreach (var log in _logs.Values) all.Absorb(log);
        return all.Summary("all", elapsed);
    }

    private OperationLog Log(string operation) => _logs.GetOrAdd(operation, _ => new OperationLog());

    private sealed class OperationLog
    {
        private readonly List<double> _latencies = [];
        private readonly Dictionary<string, long> _errors = [];
        private readonly Dictionary<string, string> _examples = [];

        public void Add(double ms)
        {
            lock (this) _latencies.Add(ms);
        }

        public void Fail(string status, string? detail)
        {
            lock (this)
            {
                _errors[status] = _errors.GetValueOrDefault(status) + 1;
                if (!string.IsNullOrEmpty(detail)) _examples.TryAdd(status, detail);
            }
        }

        public void Absorb(OperationLog other)
        {
            lock (other)
            {
                _latencies.AddRange(other._latencies);
                foreach (var (status, n) in other._errors) _errors[status] = _errors.GetValueOrDefault(status) + n;
                foreach (var (status, detail) in other._examples) _examples.TryAdd(status, detail);
            }
        }

        public OperationSummary Summary(string operation, TimeSpan elapsed)
        {
            lock (this)
            {
                var figures = Percentiles.Of(_latencies);
                return new OperationSummary(operation, figures.Count, _errors.Values.Sum(),
                    elapsed > TimeSpan.Zero ? figures.Count / elapsed.TotalSeconds : 0, figures,
                    new SortedDictionary<string, long>(_errors, StringComparer.Ordinal), new SortedDictionary<string, string>(_examples, StringComparer.Ordinal));
            }
        }
    }
}

/// <summary>One operation over a run: successes per second, their latencies, failures by status (with the first detail of each).</summary>
public sealed record OperationSummary(string Operation, long Ok, long Errors, double OkPerSecond, LatencyFigures Latency,
    IReadOnlyDictionary<string, long> ErrorsByStatus, IReadOnlyDictionary<string, string> ErrorExamples);

/// <summary>A call answered OK with something other than what the scenario needs (e.g. a complete laporan not registered).</summary>
public sealed class UnexpectedAnswerException(string what) : Exception($"OK, but {what}");
