using Oversight.Complaints.Grpc;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests.Complaints.Queries;

public sealed class ComplaintQueryRepliesTests
{
    [Fact]
    public void The_exported_message_carries_the_snapshot_field_for_field()
    {
        var id = Guid.NewGuid();
        var state = new ComplaintState
        {
            Version = 4,
            Status = "decided",
            Kind = "laporan",
            RegionCode = "52.71",
            ViolationType = 6,
            HandlingOfficeId = "office-1",
            HandlingRegionCode = "52.71",
            AccusedAgency = "Kecamatan Ampenan",
            RegistrationNumber = "52.71/LP/2026/0001",
            OutsideElectionPeriod = true,
            ReceivedAt = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.FromHours(8)),
            DecidedAt = new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero),
            Outcome = "violation",
            SanctionLevel = "medium",
            OpenDeadline = new OpenDeadline("verification", "bkn", new DateTimeOffset(2026, 11, 10, 17, 0, 0, TimeSpan.Zero)),
        };

        var exported = ComplaintQueryReplies.ToExported(id, state);

        Assert.Equal(id.ToString(), exported.ComplaintId);
        Assert.Equal((4, "decided", "laporan", "52.71", 6), (exported.Version, exported.Status, exported.Kind, exported.RegionCode, exported.ViolationType));
        Assert.Equal(("office-1", "52.71", "Kecamatan Ampenan", "52.71/LP/2026/0001", true),
            (exported.HandlingOfficeId, exported.HandlingRegionCode, exported.AccusedAgency, exported.RegistrationNumber, exported.OutsideElectionPeriod));
        Assert.Equal("2026-11-01T01:30:00.000Z", exported.ReceivedAt);
        Assert.Equal(("2026-11-03T12:00:00.000Z", "violation", "medium"), (exported.DecidedAt, exported.Outcome, exported.SanctionLevel));
        Assert.Equal(("verification", "bkn", "2026-11-10T17:00:00.000Z"), (exported.OpenDeadlineKind, exported.OpenDeadlineOwner, exported.OpenDeadlineDueAt));
    }

    [Fact]
    public void Absent_values_are_empty_strings()
    {
        var exported = ComplaintQueryReplies.ToExported(Guid.NewGuid(), new ComplaintState
        {
            Version = 1,
            Status = "logged",
            Kind = "informasi_awal",
            RegionCode = "52.71",
            ReceivedAt = DateTimeOffset.UnixEpoch,
        });

        Assert.Equal(("", "", "", "", "", "", ""), (exported.RegistrationNumber, exported.DecidedAt, exported.Outcome, exported.SanctionLevel,
            exported.OpenDeadlineKind, exported.OpenDeadlineOwner, exported.OpenDeadlineDueAt));
    }

    [Fact]
    public void The_reporter_reply_takes_the_opened_identity_and_the_rows_category()
    {
        var reporter = ComplaintQueryReplies.ToReporter(new ReporterIdentity("Siti", "5271014501900001", null, "+62 812", null, true), "voter");

        Assert.Equal(("voter", "Siti", "5271014501900001", "", "+62 812", "", true),
            (reporter.Category, reporter.Name, reporter.Nik, reporter.Address, reporter.Phone, reporter.Email, reporter.AgreedToNotifications));
    }
}
