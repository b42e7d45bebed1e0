using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Reporting;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.FaultTests.Invariants;

/// <summary>
/// Reporting's GetSummary (total and by status) at the nation, each province and each regency the desks file for,
/// against the same counts computed from the complaints table. Empty <see cref="Differences"/> = equal.
/// </summary>
public sealed record ReportingComparison(IReadOnlyList<string> Differences)
{
    public bool Holds => Differences.Count == 0;

    public static async Task<ReportingComparison> ReadAsync(string complaintsDatabase, ReportingClient reporting, Metadata admin,
        IEnumerable<string> regencies)
    {
        var rows = new List<(string Region, string Status)>();
        await using (var db = new NpgsqlConnection(complaintsDatabase))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT region_code, status FROM complaints", db);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        var levels = new[] { "" }.Concat(regencies.Select(r => r[..2]).Distinct()).Concat(regencies).Distinct();
        var differences = new List<string>();
        foreach (var level in levels)
        {
            var under = rows.Where(r => level == "" || r.Region == level || r.Region.StartsWith(level + ".", StringComparison.Ordinal)).ToList();
            RegionTotals totals;
            try
            {
                totals = (await reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = level }, admin,
                    deadline: DateTime.UtcNow.AddSeconds(5))).Totals;
            }
            catch (RpcException ex)
            {
                differences.Add($"'{level}': GetSummary {ex.StatusCode}");
                continue;
            }
            var name = level == "" ? "national" : level;
            if (totals.Total != under.Count) differences.Add($"{name}: total {totals.Total} vs {under.Count} in the database");
            foreach (var status in under.GroupBy(r => r.Status))
            {
                var reported = totals.ByStatus.TryGetValue(status.Key, out var n) ? n : 0;
                if (reported != status.Count()) differences.Add($"{name}: {status.Key} {reported} vs {status.Count()}");
            }
        }
        return new ReportingComparison(differences);
    }
}
