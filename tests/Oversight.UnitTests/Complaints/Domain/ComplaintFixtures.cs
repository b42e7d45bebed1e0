using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;

namespace Oversight.UnitTests.Complaints.Domain;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public DateTimeOffset Now => _now;

    public DateTimeOffset Advance(TimeSpan by) => _now += by;

    public DateTimeOffset Set(DateTimeOffset to) => _now = to;
}

/// <summary>Data and steps shared by the complaint-domain tests: Kota Mataram, Pilkada 2024.</summary>
internal static class ComplaintFixtures
{
    public const string Region = "52.71";
    public const string Office = "52.71";

    /// <summary>A woman from Kota Mataram born 5 Jun 1990 (day 05 + 40).</summary>
    public const string ReporterNik = "5271014506900001";

    /// <summary>Born 12 Jul 1985, appointed Jan 2010, male, sequence 003.</summary>
    public const string ReportedNip = "198507122010011003";

    public static readonly Actor Intake = Actor.Of("oc-intake", ComplaintRoles.IntakeOfficer);
    public static readonly Actor Reviewer = Actor.Of("oc-reviewer", ComplaintRoles.Reviewer);
    public static readonly Actor SanctionOfficer = Actor.Of("oc-bkn", ComplaintRoles.SanctionOfficer);
    public static readonly Actor Admin = Actor.Of("oc-admin", ComplaintRoles.Admin);

    public static DateTimeOffset Wib(int month, int day, int hour = 9, int minute = 0) =>
        new(2024, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>Known on Tue 1 Oct 2024 10:00 WIB; happened the day before.</summary>
    public static ComplaintDetails Laporan() => new()
    {
        Reporter = new ReporterDetails { Category = ReporterCategory.Voter, Name = "Baiq Nurul", Nik = ReporterNik, Address = "Jl. Pejanggik 1, Mataram" },
        Reported = new ReportedPersonDetails { Name = "Lalu Ahmad", Nip = ReportedNip, Position = "Kepala Seksi", Agency = "Dinas Kominfo", RegionCode = "52.71" },
        ViolationType = 2,
        OccurredAt = Wib(9, 30, 20),
        Place = "Facebook, akun Lalu Ahmad",
        BecameKnownAt = Wib(10, 1, 10),
        Description = "ASN membagikan konten kampanye pasangan calon",
        Evidence = [new EvidenceItem { Url = "https://example.org/post/1", Sha256 = new string('a', 64) }],
        SignatureAttested = true,
    };

    public static ComplaintDetails Temuan() => Laporan() with
    {
        Reporter = new ReporterDetails { Category = ReporterCategory.Supervisor, Name = "Pengawas Kecamatan Ampenan" },
        SignatureAttested = false,
    };

    public static ComplaintDetails Tip() => new() { Description = "Ada ASN ikut kampanye di Ampenan" };

    public static RegistrationNumber Number(int sequence = 7, ComplaintKind kind = ComplaintKind.Laporan) =>
        RegistrationNumber.Create(Office, kind, 2024, sequence);

    public static ComplaintAggregate Submitted(
        ComplaintDetails? details = null, ComplaintKind kind = ComplaintKind.Laporan, ElectionRegime? regime = null, DateTimeOffset? at = null,
        bool inElectionPeriod = true) =>
        ComplaintAggregate.Submit(Guid.Parse("0b7a1f1e-0000-4000-8000-000000000001"), kind, Region, Office, details ?? Laporan(),
            regime ?? ElectionRegimes.Pilkada2024, inElectionPeriod, Intake, at ?? Wib(10, 3)).Complaint;

    public static ComplaintAggregate Registered(ElectionRegime? regime = null) =>
        Submitted(regime: regime).Register(Number(), Intake, Wib(10, 3, 10)).Complaint;

    public static ComplaintAggregate UnderReview(ElectionRegime? regime = null) =>
        Registered(regime).StartReview(Reviewer, Wib(10, 3, 11)).Complaint;

    public static ComplaintAggregate Decided(DecisionOutcome outcome = DecisionOutcome.Violation, int? type = null) =>
        UnderReview().Decide(outcome, "Terbukti dari tangkapan layar dan keterangan saksi", Reviewer, Wib(10, 5), type).Complaint;

    public static ComplaintAggregate Recommended(int type = 2) =>
        Decided(DecisionOutcome.Violation, type).IssueRecommendation("0123/PP.01.02/K.NB-11/10/2024", Reviewer, Wib(10, 10, 10)).Complaint;

    public static ComplaintAggregate Verified(int type = 2) =>
        Recommended(type).ConfirmRecommendation(SanctionOfficer, Wib(10, 15, 10)).Complaint;
}
