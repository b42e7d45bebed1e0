using Oversight.Contracts.Complaints;
using Oversight.Reporting.Model;
using Oversight.Reporting.Infrastructure;

namespace Oversight.UnitTests.Reporting;

public sealed class ExportedSnapshotTests
{
    [Fact]
    public void An_export_row_becomes_the_snapshot_the_events_carry()
    {
        var state = ExportedSnapshot.ToState(new ExportedComplaint
        {
            ComplaintId = Guid.NewGuid().ToString(), Version = 4, Status = "decided", Kind = "laporan", RegionCode = "52.71",
            ViolationType = 2, AccusedAgency = "Dinas Pendidikan", RegistrationNumber = "52.71/LP/2024/0001",
            ReceivedAt = "2024-10-01T03:00:00Z", DecidedAt = "2024-10-03T03:00:00Z", Outcome = "violation",
            OpenDeadlineKind = "verification", OpenDeadlineOwner = "bkn", OpenDeadlineDueAt = "2024-10-17T03:00:00Z",
        });
        Assert.Equal(4, state.Version);
        Assert.Equal(DateTimeOffset.Parse("2024-10-01T03:00:00Z"), state.ReceivedAt);
        Assert.Equal(TimeSpan.FromHours(48), state.DecidedAt - state.ReceivedAt);
        Assert.Equal(new Oversight.Contracts.IntegrationEvents.OpenDeadline("verification", "bkn", DateTimeOffset.Parse("2024-10-17T03:00:00Z")), state.OpenDeadline);
        Assert.Null(state.SanctionLevel);
        Assert.Equal("52.71/LP/2024/0001", state.RegistrationNumber);
    }

    [Fact]
    public void Empty_texts_are_absent_values()
    {
        var state = ExportedSnapshot.ToState(new ExportedComplaint
        {
            Version = 1, Status = "logged", Kind = "informasi_awal", RegionCode = "74.71", ReceivedAt = "2024-10-01T03:00:00Z",
        });
        Assert.Null(state.DecidedAt);
        Assert.Null(state.OpenDeadline);
        Assert.Null(state.RegistrationNumber);
        Assert.Null(state.Outcome);
        // The same contribution as the live snapshot: nothing ranked, counted at three levels.
        Assert.DoesNotContain(Contribution.Of(state), e => e.Kind == EntryKind.Ranked);
    }
}
