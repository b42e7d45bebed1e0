using Oversight.Contracts.IntegrationEvents;
using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

/// <summary>
/// The projection's rule (highest version wins, apply the diff) on an in-memory copy of the counters: any
/// order and any number of repeats end in the counters of the final snapshots, and a province stays the sum of
/// its regencies. The Redis store runs the same diff in a Lua script; the integration tests check it there.
/// </summary>
public sealed class ReplayOrderTests
{
    private sealed class InMemoryProjection
    {
        private readonly Dictionary<Guid, (int Version, IReadOnlyList<ProjectionEntry> Entries)> _complaints = [];
        public Dictionary<(string, string), long> Counters { get; } = [];

        public void Apply(Guid id, ComplaintState state)
        {
            var old = _complaints.TryGetValue(id, out var stored) ? stored : (0, []);
            if (old.Item1 >= state.Version) return;
            var next = Contribution.Of(state);
            foreach (var change in ContributionDiff.Between(old.Item2, next).OfType<ProjectionChange.Count>())
            {
                var value = Counters.GetValueOrDefault((change.Key, change.Field)) + change.Delta;
                if (value == 0) Counters.Remove((change.Key, change.Field)); else Counters[(change.Key, change.Field)] = value;
            }
            _complaints[id] = (state.Version, next);
        }
    }

    private static List<(Guid Id, ComplaintState State)> Script()
    {
        var events = new List<(Guid, ComplaintState)>();
        string[] regions = ["52.71", "64.03", "74.71", "52.71", "64"];
        for (var i = 0; i < 25; i++)
        {
            var id = Guid.NewGuid();
            var region = regions[i % regions.Length];
            events.Add((id, ContributionTests.State(1, "registered", region, type: i % 4)));
            if (i % 2 == 0) events.Add((id, ContributionTests.State(2, "under_review", region, type: i % 4)));
            if (i % 3 == 0) events.Add((id, ContributionTests.State(3, "decided", region, type: 5, decidedAt: DateTimeOffset.Parse("2024-10-03T00:00:00Z"))));
            if (i % 6 == 0) events.Add((id, ContributionTests.State(4, "sanction_imposed", region, type: 5, sanction: "light")));
        }
        return events;
    }

    [Fact]
    public void Shuffled_and_repeated_events_end_in_the_same_counters()
    {
        var script = Script();
        var inOrder = new InMemoryProjection();
        foreach (var (id, state) in script) inOrder.Apply(id, state);

        var shuffled = new InMemoryProjection();
        var random = new Random(6);
        foreach (var (id, state) in script.Concat(script).OrderBy(_ => random.Next())) shuffled.Apply(id, state);

        Assert.Equal(inOrder.Counters.OrderBy(c => c.Key), shuffled.Counters.OrderBy(c => c.Key));
        Assert.Equal(25, inOrder.Counters[("r:national", "total")]);
        Assert.Equal(5, inOrder.Counters[("r:52", "status:sanction_imposed")] + inOrder.Counters[("r:64", "status:sanction_imposed")]
            + inOrder.Counters.GetValueOrDefault(("r:74", "status:sanction_imposed")));
    }

    [Fact]
    public void A_province_is_its_regencies_plus_its_own_complaints()
    {
        var projection = new InMemoryProjection();
        foreach (var (id, state) in Script()) projection.Apply(id, state);
        foreach (var field in new[] { "total", "status:registered", "status:decided", "type:5" })
        {
            var national = projection.Counters.GetValueOrDefault(("r:national", field));
            var provinces = new[] { "52", "64", "74" }.Sum(p => projection.Counters.GetValueOrDefault(("r:" + p, field)));
            Assert.Equal(national, provinces);
        }
        Assert.Equal(projection.Counters[("r:52", "total")], projection.Counters[("r:52.71", "total")]);
        // Kalimantan Timur has Berau's complaints and those recorded at the province itself.
        Assert.Equal(10, projection.Counters[("r:64", "total")]);
        Assert.Equal(5, projection.Counters[("r:64.03", "total")]);
    }
}
