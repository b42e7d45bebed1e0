using Oversight.Contracts.IntegrationEvents;
using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class ContributionTests
{
    private static readonly DateTimeOffset Received = DateTimeOffset.Parse("2024-10-01T03:00:00Z");

    internal static ComplaintState State(int version, string status, string region = "52.71", int type = 2,
        string? sanction = null, OpenDeadline? deadline = null, DateTimeOffset? decidedAt = null, string agency = "Dinas Pendidikan") => new()
    {
        Version = version, Status = status, Kind = "laporan", RegionCode = region, ViolationType = type,
        AccusedAgency = agency, ReceivedAt = Received, SanctionLevel = sanction, OpenDeadline = deadline, DecidedAt = decidedAt,
    };

    [Fact]
    public void A_snapshot_counts_at_every_level_of_its_region()
    {
        var entries = Contribution.Of(State(1, "registered"));
        foreach (var level in new[] { "r:52.71", "r:52", "r:national" })
        {
            Assert.Contains(ProjectionEntry.Counter(level, "total"), entries);
            Assert.Contains(ProjectionEntry.Counter(level, "status:registered"), entries);
            Assert.Contains(ProjectionEntry.Counter(level, "kind:laporan"), entries);
            Assert.Contains(ProjectionEntry.Counter(level, "type:2"), entries);
            Assert.Contains(ProjectionEntry.Counter(level, "day:2024-10-01"), entries);
        }
        Assert.Contains(ProjectionEntry.Counter("a:52", "Dinas Pendidikan"), entries);
        Assert.Contains(ProjectionEntry.Member("kids:52", "52.71"), entries);
        Assert.Contains(ProjectionEntry.Member("kids:national", "52"), entries);
        Assert.DoesNotContain(entries, e => e.Key.StartsWith("dur:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_open_deadline_is_ranked_by_its_due_time_until_the_complaint_is_final()
    {
        var due = DateTimeOffset.Parse("2024-10-08T03:00:00Z");
        var open = Contribution.Of(State(2, "under_review", deadline: new OpenDeadline("review", "bawaslu", due)));
        Assert.Contains(ProjectionEntry.Ranked("due:52.71", due.ToUnixTimeSeconds()), open);

        var closed = Contribution.Of(State(3, "closed", deadline: new OpenDeadline("review", "bawaslu", due)));
        Assert.DoesNotContain(closed, e => e.Kind == EntryKind.Ranked);
    }

    [Fact]
    public void A_decision_records_its_duration_from_receipt()
    {
        var entries = Contribution.Of(State(3, "decided", decidedAt: Received.AddHours(30)));
        Assert.Contains(ProjectionEntry.Ranked("dur:52", 30 * 3600), entries);
        Assert.Contains(ProjectionEntry.Counter("r:national", "decided"), entries);
    }

    [Fact]
    public void Tabs_and_line_breaks_in_an_agency_cannot_break_the_stored_entries()
    {
        var entries = Contribution.Of(State(1, "registered", agency: "Dinas\tKesehatan\nKota"));
        Assert.Contains(ProjectionEntry.Counter("a:52.71", "Dinas Kesehatan Kota"), entries);
        Assert.Equal(entries, ProjectionEntry.ParseAll(ProjectionEntry.SerializeAll(entries)));
    }

    [Fact]
    public void The_diff_moves_only_what_changed()
    {
        var registered = Contribution.Of(State(1, "registered"));
        var decided = Contribution.Of(State(2, "decided", decidedAt: Received.AddHours(5)));
        var changes = ContributionDiff.Between(registered, decided);

        foreach (var level in new[] { "r:52.71", "r:52", "r:national" })
        {
            Assert.Contains(new ProjectionChange.Count(level, "status:registered", -1), changes);
            Assert.Contains(new ProjectionChange.Count(level, "status:decided", +1), changes);
            Assert.Contains(new ProjectionChange.Count(level, "decided", +1), changes);
            Assert.DoesNotContain(changes, c => c is ProjectionChange.Count { Field: "total" });
        }
        Assert.Contains(new ProjectionChange.Rank("dur:52.71", 5 * 3600), changes);
        Assert.DoesNotContain(changes, c => c is ProjectionChange.AddMember);
    }

    [Fact]
    public void The_diff_from_nothing_adds_everything_and_a_closed_deadline_is_unranked()
    {
        var due = DateTimeOffset.Parse("2024-10-08T03:00:00Z");
        var first = ContributionDiff.Between([], Contribution.Of(State(1, "under_review", deadline: new("review", "bawaslu", due))));
        Assert.Contains(new ProjectionChange.Count("r:52", "total", 1), first);
        Assert.Contains(new ProjectionChange.AddMember("kids:52", "52.71"), first);
        Assert.Contains(new ProjectionChange.Rank("due:52.71", due.ToUnixTimeSeconds()), first);

        var closing = ContributionDiff.Between(
            Contribution.Of(State(1, "under_review", deadline: new("review", "bawaslu", due))), Contribution.Of(State(2, "closed")));
        Assert.Contains(new ProjectionChange.Unrank("due:52.71"), closing);
        Assert.Contains(new ProjectionChange.Unrank("due:national"), closing);
    }
}
