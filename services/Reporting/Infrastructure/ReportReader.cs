using Oversight.Contracts.Reporting;
using Oversight.Regions;
using Oversight.Reporting.Model;
using StackExchange.Redis;

namespace Oversight.Reporting.Infrastructure;

/// <summary>
/// The queries over the read model, as the gRPC, REST and CSV surfaces answer them. Each summary is read in
/// one MULTI/EXEC so its rows come from one moment: a province's row always adds up to its regencies' rows.
/// </summary>
public sealed class ReportReader(IConnectionMultiplexer redis, ProjectionStore projection, TimeProvider clock)
{
    private static RedisKey Key(string keyspace, string relative) => new(keyspace + relative);

    public async Task<long> TotalAsync(string region)
    {
        var (_, keyspace) = await projection.LiveAsync();
        var value = await redis.GetDatabase().HashGetAsync(Key(keyspace, ProjectionKeys.Counters(region)), ProjectionKeys.Total);
        return value.IsNull ? 0 : (long)value;
    }

    public async Task<RegionSummary> SummaryAsync(string region)
    {
        var db = redis.GetDatabase();
        while (true)
        {
            var (generation, keyspace) = await projection.LiveAsync();
            var childrenKey = Key(keyspace, ProjectionKeys.Children(region));
            var children = (await db.SetMembersAsync(childrenKey)).Select(m => m.ToString()).Order(StringComparer.Ordinal).ToList();
            var now = clock.GetUtcNow().ToUnixTimeSeconds();

            var transaction = db.CreateTransaction();
            // A child seen for the first time meanwhile would count in the totals without a row: read again then.
            transaction.AddCondition(Condition.SetLengthEqual(childrenKey, children.Count));
            // A rebuild swapping generations meanwhile: read again from the new one.
            transaction.AddCondition(generation == 0 ? Condition.KeyNotExists(projection.GenerationKey) : Condition.StringEqual(projection.GenerationKey, generation));
            var reads = new[] { region }.Concat(children).Select(level => ReadTotals(transaction, keyspace, level, now)).ToList();
            if (await transaction.ExecuteAsync()) return await Assemble(reads);
        }
    }

    private static async Task<RegionSummary> Assemble(List<Task<RegionTotals>> reads)
    {
        var rows = new List<RegionTotals>();
        foreach (var read in reads) rows.Add(await read);
        var summary = new RegionSummary { Totals = rows[0] };
        summary.Children.AddRange(rows.Skip(1));
        return summary;
    }

    private static async Task<RegionTotals> ReadTotals(ITransaction transaction, string keyspace, string level, long now)
    {
        var counters = transaction.HashGetAllAsync(Key(keyspace, ProjectionKeys.Counters(level)));
        var overdue = transaction.SortedSetLengthAsync(Key(keyspace, ProjectionKeys.OpenDeadlines(level)), double.NegativeInfinity, now, Exclude.Stop);
        var durations = transaction.SortedSetRangeByRankWithScoresAsync(Key(keyspace, ProjectionKeys.DecisionTimes(level)));
        return RegionTotalsReading.From(level, await counters, await overdue, (await durations).Select(d => d.Score).ToList());
    }

    public async Task<TimeSeries> TimeSeriesAsync(string region, DateOnly from, DateOnly to)
    {
        var (_, keyspace) = await projection.LiveAsync();
        var counters = await redis.GetDatabase().HashGetAllAsync(Key(keyspace, ProjectionKeys.Counters(region)));
        var byDay = counters.Where(c => c.Name.ToString().StartsWith(ProjectionKeys.DayPrefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Name.ToString()[ProjectionKeys.DayPrefix.Length..], c => (long)c.Value);
        var series = new TimeSeries { RegionCode = region };
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var date = IndonesianTime.Format(day);
            series.Days.Add(new DayCount { Date = date, Received = byDay.GetValueOrDefault(date) });
        }
        return series;
    }

    public async Task<OverdueList> OverdueAsync(string region, string owner)
    {
        var db = redis.GetDatabase();
        var (_, keyspace) = await projection.LiveAsync();
        var now = clock.GetUtcNow();
        var due = await db.SortedSetRangeByScoreWithScoresAsync(Key(keyspace, ProjectionKeys.OpenDeadlines(region)),
            double.NegativeInfinity, now.ToUnixTimeSeconds(), Exclude.Stop, Order.Ascending);
        var list = new OverdueList { RegionCode = region };
        foreach (var entry in due)
        {
            var id = Guid.ParseExact(entry.Element.ToString(), "N");
            var state = ProjectionStore.ParseState(await db.HashGetAsync(Key(keyspace, ProjectionKeys.Complaint(id)), "state"));
            if (state?.OpenDeadline is not { } deadline) continue;
            if (owner.Length > 0 && deadline.Owner != owner) continue;
            var dueAt = DateTimeOffset.FromUnixTimeSeconds((long)entry.Score);
            list.Complaints.Add(new OverdueComplaint
            {
                ComplaintId = id.ToString(),
                RegistrationNumber = state.RegistrationNumber ?? "",
                RegionCode = state.RegionCode,
                Status = state.Status,
                DeadlineKind = deadline.Kind,
                DeadlineOwner = deadline.Owner,
                DueAt = dueAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                SecondsLate = (long)(now - dueAt).TotalSeconds,
            });
        }
        return list;
    }

    public async Task<AgencyRanking> TopAgenciesAsync(string region, int n)
    {
        var (_, keyspace) = await projection.LiveAsync();
        var agencies = await redis.GetDatabase().HashGetAllAsync(Key(keyspace, ProjectionKeys.Agencies(region)));
        var ranking = new AgencyRanking { RegionCode = region };
        ranking.Agencies.AddRange(agencies
            .Select(a => new AgencyCount { Agency = a.Name.ToString(), Complaints = (long)a.Value })
            .Where(a => a.Complaints > 0)
            .OrderByDescending(a => a.Complaints).ThenBy(a => a.Agency, StringComparer.Ordinal)
            .Take(n));
        return ranking;
    }

    /// <summary>Every province and the regencies/cities under it, with their totals, for open data.</summary>
    public async Task<IReadOnlyList<(string Code, long Total, IReadOnlyList<(string Code, long Total)> Children)>> TreeTotalsAsync()
    {
        var provinces = await SummaryAsync(RegionCode.National);
        var tree = new List<(string, long, IReadOnlyList<(string, long)>)>();
        foreach (var province in provinces.Children)
        {
            var summary = await SummaryAsync(province.RegionCode);
            tree.Add((province.RegionCode, summary.Totals.Total, summary.Children.Select(c => (c.RegionCode, c.Total)).ToList()));
        }
        return tree;
    }
}
