using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Regimes;
using static Oversight.UnitTests.Complaints.Domain.ComplaintFixtures;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class IntakeRulesTests
{
    private static readonly ElectionRegime Pilkada = ElectionRegimes.Pilkada2024;

    private static IntakeAssessment Assess(ComplaintDetails details, ComplaintKind kind = ComplaintKind.Laporan, DateTimeOffset? filedAt = null,
        ElectionRegime? regime = null, bool inPeriod = true) =>
        IntakeRules.Assess(kind, details, regime ?? Pilkada, filedAt ?? Wib(10, 3), inPeriod);

    [Fact]
    public void A_complete_timely_laporan_is_registrable()
    {
        var result = Assess(Laporan());
        Assert.Empty(result.Failures);
        Assert.Equal(IntakeVerdict.Registrable, result.Verdict);
        Assert.False(result.OutsideElectionPeriod);
    }

    [Fact]
    public void A_complete_temuan_needs_no_NIK_address_or_signature()
    {
        Assert.Equal(IntakeVerdict.Registrable, Assess(Temuan(), ComplaintKind.Temuan).Verdict);
    }

    [Fact]
    public void A_region_outside_its_election_period_is_accepted_but_flagged()
    {
        var result = Assess(Laporan(), inPeriod: false);
        Assert.Equal(IntakeVerdict.Registrable, result.Verdict);
        Assert.True(result.OutsideElectionPeriod);
    }

    [Fact]
    public void An_empty_laporan_lists_every_failing_requirement_formal_first()
    {
        var result = Assess(new ComplaintDetails());
        Assert.Equal(
        [
            "reporter: identity is required for a laporan; an anonymous tip is informasi awal",
            "reported: the reported person's name and address, or NIP, are required",
            "became_known_at: required (the filing window counts from it)",
            "signature: the officer must attest that the signature matches the reporter's KTP",
            "occurred_at: required (when it happened)",
            "place: required (where it happened)",
            "description: required (what happened)",
            "evidence: at least one piece of evidence is required",
            "violation_type: must be a number of the violation catalogue, 1-12 (SKB 2022 (Netralitas ASN), Lampiran II)",
        ], result.Errors);
        Assert.Equal(IntakeVerdict.NeedsCompletion, result.Verdict);
        Assert.Equal(4, result.Failures.Count(f => f.Category == RequirementCategory.Formal));
    }

    [Fact]
    public void Reporter_identity_needs_name_NIK_and_address()
    {
        var details = Laporan() with { Reporter = new ReporterDetails { Category = ReporterCategory.Voter, Nik = "527101450690000" } };
        Assert.Equal(
            ["reporter.name: required", "reporter.nik: must be 16 digits, got 15 characters", "reporter.address: required"],
            Assess(details).Errors);
    }

    [Fact]
    public void A_laporan_does_not_come_from_a_supervisor_and_a_temuan_does()
    {
        var laporan = Laporan() with { Reporter = Laporan().Reporter! with { Category = ReporterCategory.Supervisor } };
        Assert.Equal(["reporter.category: a laporan comes from a voter, an accredited monitor or a participant"], Assess(laporan).Errors);
        var temuan = Temuan() with { Reporter = new ReporterDetails { Category = ReporterCategory.Voter } };
        Assert.Equal(["reporter.name: required", "reporter.category: a temuan is made by a supervisor"], Assess(temuan, ComplaintKind.Temuan).Errors);
        Assert.Equal(["reporter: the supervisor who made the finding is required"], Assess(Temuan() with { Reporter = null }, ComplaintKind.Temuan).Errors);
    }

    [Fact]
    public void The_reported_person_is_identified_by_NIP_or_by_name_and_address()
    {
        var noNip = Laporan() with { Reported = new ReportedPersonDetails { Name = "Lalu Ahmad", Agency = "Dinas Kominfo Kota Mataram" } };
        Assert.Empty(Assess(noNip).Errors);
        var nipOnly = Laporan() with { Reported = new ReportedPersonDetails { Nip = ReportedNip } };
        Assert.Empty(Assess(nipOnly).Errors);
        var neither = Laporan() with { Reported = new ReportedPersonDetails { Position = "Kepala Seksi" } };
        Assert.Equal(
            ["reported.name: required when no NIP is given", "reported.address: an address or agency is required when no NIP is given"],
            Assess(neither).Errors);
        var badNip = Laporan() with { Reported = new ReportedPersonDetails { Name = "Lalu Ahmad", Nip = "198507122010013003", RegionCode = "Mataram" } };
        Assert.Equal(
            ["reported.nip: sex digit must be 1 or 2, got 3", "reported.region_code: must be a Kemendagri code like 52 or 52.71"],
            Assess(badNip).Errors);
    }

    [Theory]
    [InlineData(8, 23, 59, true)]
    [InlineData(9, 0, 0, false)]
    public void Pilkada_filing_window_is_7_calendar_days_from_becoming_known(int day, int hour, int minute, bool inTime)
    {
        // Known Tue 1 Oct 10:00 WIB: day 7 is Tue 8 Oct.
        var result = Assess(Laporan(), filedAt: Wib(10, day, hour, minute));
        Assert.Equal(inTime ? IntakeVerdict.Registrable : IntakeVerdict.Refused, result.Verdict);
        if (!inTime)
        {
            var failure = Assert.Single(result.Failures);
            Assert.False(failure.Curable);
            Assert.Equal(
                "became_known_at: filed on 2024-10-09, after the 7 days filing window from 2024-10-01 ended on 2024-10-08 (UU 10/2016 Pasal 134; Perbawaslu 8/2020)",
                failure.ToString());
        }
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void General_election_filing_window_is_7_working_days(int day, bool inTime)
    {
        // Known Tue 1 Oct: working days 2, 3, 4, 7, 8, 9, 10 Oct.
        var result = Assess(Laporan(), filedAt: Wib(10, day, 12), regime: ElectionRegimes.GeneralElection);
        Assert.Equal(inTime ? IntakeVerdict.Registrable : IntakeVerdict.Refused, result.Verdict);
    }

    [Fact]
    public void A_late_filing_is_refused_even_when_other_requirements_could_be_completed()
    {
        var result = Assess(Laporan() with { Place = null }, filedAt: Wib(10, 20));
        Assert.Equal(IntakeVerdict.Refused, result.Verdict);
        Assert.Equal(2, result.Failures.Count);
    }

    [Fact]
    public void Times_must_be_in_order()
    {
        var details = Laporan() with { OccurredAt = Wib(10, 5), BecameKnownAt = Wib(10, 4) };
        Assert.Equal(
            ["became_known_at: must not be after the filing", "occurred_at: must not be after became_known_at"],
            Assess(details, filedAt: Wib(10, 3)).Errors);
    }

    [Fact]
    public void Evidence_needs_an_http_link_or_a_sha256_hash()
    {
        var details = Laporan() with
        {
            Evidence =
            [
                new EvidenceItem { Sha256 = new string('F', 64) },
                new EvidenceItem { Description = "foto" },
                new EvidenceItem { Url = "ftp://example.org/x", Sha256 = "abc" },
                new EvidenceItem { Url = "/relative" },
            ],
        };
        Assert.Equal(
        [
            "evidence[1]: needs a link or a content hash",
            "evidence[2].url: must be an absolute http or https link",
            "evidence[2].sha256: must be 64 hexadecimal digits",
            "evidence[3].url: must be an absolute http or https link",
        ], Assess(details).Errors);
    }

    [Fact]
    public void Description_has_a_length_limit_and_the_violation_type_comes_from_the_catalogue()
    {
        var details = Laporan() with { Description = new string('x', 5001), ViolationType = 13 };
        Assert.Equal(
        [
            "description: must be at most 5000 characters",
            "violation_type: must be a number of the violation catalogue, 1-12 (SKB 2022 (Netralitas ASN), Lampiran II)",
        ], Assess(details).Errors);
    }

    [Fact]
    public void An_informasi_awal_needs_only_a_description_and_is_logged_never_registrable()
    {
        var result = Assess(Tip(), ComplaintKind.InformasiAwal, filedAt: Wib(12, 20));
        Assert.Empty(result.Failures);
        Assert.Equal(IntakeVerdict.Logged, result.Verdict);
    }

    [Fact]
    public void An_empty_informasi_awal_is_refused_since_nobody_can_complete_it()
    {
        var result = Assess(new ComplaintDetails { Evidence = [new EvidenceItem()] }, ComplaintKind.InformasiAwal);
        Assert.Equal(["description: required (what happened)", "evidence[0]: needs a link or a content hash"], result.Errors);
        Assert.Equal(IntakeVerdict.Refused, result.Verdict);
    }
}
