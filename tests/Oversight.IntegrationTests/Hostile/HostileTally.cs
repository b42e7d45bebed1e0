using System.Collections.Concurrent;
using System.Text;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>Per endpoint: how many hostile inputs were tried, the answers by status, and the server faults with their input.</summary>
internal sealed class HostileTally
{
    private readonly ConcurrentDictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);

    public void Record(string endpoint, string input, string answer, bool serverFault)
    {
        var entry = _endpoints.GetOrAdd(endpoint, _ => new Endpoint());
        lock (entry)
        {
            entry.Tried++;
            entry.Answers[answer] = entry.Answers.GetValueOrDefault(answer) + 1;
            if (serverFault) entry.Faults.Add($"{input} -> {answer}");
        }
    }

    public int Tried => _endpoints.Values.Sum(e => e.Tried);

    public IReadOnlyList<string> Faults => [.. _endpoints.OrderBy(e => e.Key).SelectMany(e => e.Value.Faults.Select(f => $"{e.Key}: {f}"))];

    /// <summary>One line per endpoint: inputs tried, server faults (500/Internal/Unknown), and the answers seen.</summary>
    public string Report(string title)
    {
        var text = new StringBuilder().AppendLine(title)
            .AppendLine($"{"endpoint",-72} {"tried",6} {"faults",6}  answers");
        foreach (var (name, entry) in _endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var answers = string.Join(", ", entry.Answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value}"));
            text.AppendLine($"{name,-72} {entry.Tried,6} {entry.Faults.Count,6}  {answers}");
        }
        return text.AppendLine($"{"total",-72} {Tried,6} {Faults.Count,6}").ToString();
    }

    private sealed class Endpoint
    {
        public int Tried;
        public readonly Dictionary<string, int> Answers = new(StringComparer.Ordinal);
        public readonly List<string> Faults = [];
    }
}
