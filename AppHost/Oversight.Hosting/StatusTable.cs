using System.Text;
using Oversight.Hosting.Resources;

namespace Oversight.Hosting;

/// <summary>The start-up table: each resource, its type, state, process id and URLs.</summary>
public static class StatusTable
{
    public static string Render(IEnumerable<Resource> resources)
    {
        var rows = resources.Select(r => new[]
        {
            r.Name, r.Type, r.State.ToString(), r.Pid?.ToString() ?? "-", string.Join(" ", r.Urls) is { Length: > 0 } urls ? urls : "-",
        }).Prepend(["RESOURCE", "TYPE", "STATE", "PID", "URLS"]).ToList();
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder("\n");
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 4 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
        return text.ToString();
    }
}
