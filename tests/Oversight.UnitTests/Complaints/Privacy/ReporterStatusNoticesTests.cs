using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Infrastructure;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests.Complaints.Privacy;

public sealed class ReporterStatusNoticesTests
{
    private static readonly ReporterIdentityProtector Protector =
        new(new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }));

    private static readonly ReporterStatusNotices Notices = new(Protector, NullLogger<ReporterStatusNotices>.Instance);

    private static readonly ReporterIdentity Siti =
        new("Siti Rahmawati", "5271014501900001", "Jl. Pejanggik No. 10", "+62 812 3456 7890", "siti@example.org", AgreedToNotifications: true);

    private static readonly string Code = TrackingCode.New().Compact;

    private static ComplaintRow Row(ReporterIdentity? identity, string? trackingCode = "")
    {
        var id = Guid.CreateVersion7();
        return new ComplaintRow
        {
            Id = id,
            RegionCode = "52.71",
            TrackingCode = trackingCode == "" ? Code : trackingCode,
            ReporterIdentity = identity is null ? null : Protector.Seal(id, identity),
        };
    }

    private static IntegrationEvent[] Decided(ComplaintRow row) =>
    [
        new ComplaintDecided
        {
            ComplaintId = row.Id, RegionCode = row.RegionCode, Outcome = "violation", ViolationType = 2,
            State = new ComplaintState
            {
                Version = 3, Status = "decided", Kind = "laporan", RegionCode = row.RegionCode, ReceivedAt = DateTimeOffset.UtcNow,
                RegistrationNumber = "52.71/LP/2026/0001", Outcome = "violation",
            },
        },
    ];

    [Fact]
    public void A_consenting_reporter_with_an_address_gets_a_notice_with_only_what_the_email_needs()
    {
        var row = Row(Siti with { Language = "en" });

        var notice = Notices.For(row, Decided(row));

        Assert.NotNull(notice);
        Assert.Equal(("siti@example.org", $"{Code[..4]}-{Code[4..]}", "en", "decided", "ComplaintDecided"),
            (notice.Email, notice.TrackingCode, notice.Language, notice.Status, notice.Step));
        Assert.Equal(("52.71/LP/2026/0001", "violation", row.Id, "52.71"), (notice.RegistrationNumber, notice.Outcome, notice.ComplaintId, notice.RegionCode));
        var json = JsonSerializer.Serialize(notice);
        foreach (var secret in new[] { Siti.Name, Siti.Nik!, Siti.Address!, Siti.Phone! })
        {
            Assert.DoesNotContain(secret, json);
        }
    }

    [Fact]
    public void A_status_change_step_is_named_by_its_step()
    {
        var row = Row(Siti);
        IntegrationEvent[] events =
        [
            new ComplaintStatusChanged
            {
                ComplaintId = row.Id, RegionCode = "52.71", Step = "review_started",
                State = new ComplaintState { Version = 2, Status = "under_review", Kind = "laporan", RegionCode = "52.71", ReceivedAt = DateTimeOffset.UtcNow },
            },
        ];

        Assert.Equal(("review_started", "under_review", ""), (Notices.For(row, events)!.Step, Notices.For(row, events)!.Status, Notices.For(row, events)!.Language));
    }

    [Fact]
    public void No_consent_no_address_no_tracking_code_or_an_unreadable_identity_gives_no_notice()
    {
        var withoutConsent = Row(Siti with { AgreedToNotifications = false });
        var withoutAddress = Row(Siti with { Email = null });
        var temuan = Row(Siti, trackingCode: null);
        var anonymous = Row(null);
        var unreadable = Row(Siti);
        unreadable.ReporterIdentity![^1] ^= 0xff;

        foreach (var row in new[] { withoutConsent, withoutAddress, temuan, anonymous, unreadable })
        {
            Assert.Null(Notices.For(row, Decided(row)));
        }
    }
}
